/**
 * The handover PIN of a booking made on this device, kept for its tracking page (the server shows
 * it once, at booking).
 */
const pinKey = (reference: string) => `geomdan.pin.${reference}`;

export function rememberPin(reference: string, pin: string): void {
  localStorage.setItem(pinKey(reference), pin);
}

export function rememberedPin(reference: string): string | null {
  return localStorage.getItem(pinKey(reference));
}
