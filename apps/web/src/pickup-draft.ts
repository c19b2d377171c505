/**
 * The bag tags a courier typed for one pickup, kept in this tab until the pickup is sent and
 * accepted: a refused pickup (a photo the server rejects) remounts the form, and a courier must
 * not type every tag again. Photos are files the page cannot restore; tags are text it can.
 */
const key = (bookingId: string) => `geomdan.staff.pickupTags.${bookingId}`;

/** The tags kept for this booking, one per bag (missing or unreadable ones are empty). */
export function readPickupTags(bookingId: string, bags: number): string[] {
  let kept: unknown = null;
  try {
    kept = JSON.parse(sessionStorage.getItem(key(bookingId)) ?? 'null');
  } catch {
    kept = null;
  }
  const list = Array.isArray(kept) ? kept : [];
  return Array.from({ length: bags }, (_, n) => (typeof list[n] === 'string' ? (list[n] as string) : ''));
}

export function keepPickupTags(bookingId: string, tags: readonly string[]): void {
  sessionStorage.setItem(key(bookingId), JSON.stringify(tags));
}

/** Once the server has the pickup, the draft is done with. */
export function forgetPickupTags(bookingId: string): void {
  sessionStorage.removeItem(key(bookingId));
}
