/** Canonical JSON: object keys sorted recursively, so equal values sign to equal bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Booking reference "FL-XXXXXX": no 0/O/1/I so it reads well over the phone. */
export const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function referenceFrom(randomBytes: Uint8Array): string {
  let out = 'FL-';
  for (let i = 0; i < 6; i++) out += REFERENCE_ALPHABET[randomBytes[i] % REFERENCE_ALPHABET.length];
  return out;
}
