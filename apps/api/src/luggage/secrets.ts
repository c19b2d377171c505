import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { referenceFrom } from '@app/domain';

/** 32 random bytes, base64url: the tracking link's only credential. */
export const newTrackingToken = () => randomBytes(32).toString('base64url');

/** Tokens are looked up by hash; the clear token exists only in the traveller's link. */
export { trackingTokenHash as hashToken } from '@app/auth';

export const newPin = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * A PIN has only a million values, so a bare hash would fall to brute force after a leak: it is
 * keyed with a server secret and bound to the booking.
 */
export const hashPin = (secret: string, bookingId: string, pin: string) =>
  createHmac('sha256', secret).update(`pin:${bookingId}:${pin}`).digest('hex');

export function pinMatches(secret: string, bookingId: string, pin: string, storedHash: string): boolean {
  const a = Buffer.from(hashPin(secret, bookingId, pin), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const newReference = () => referenceFrom(randomBytes(6));

/**
 * With an Idempotency-Key the PIN and tracking token are derived (keyed HMAC of the key and the
 * body's fingerprint), so a replay can answer them again without anyone storing them in clear.
 */
export function derivedSecrets(
  secret: string,
  key: string,
  fingerprint: string,
): { pin: string; trackingToken: string } {
  const seed = createHmac('sha256', secret).update(`idem:${key}:${fingerprint}`).digest();
  const trackingToken = createHmac('sha256', seed).update('tracking').digest().toString('base64url');
  const pinBytes = createHmac('sha256', seed).update('pin').digest();
  const pin = String(pinBytes.readUInt32BE(0) % 1_000_000).padStart(6, '0');
  return { pin, trackingToken };
}
