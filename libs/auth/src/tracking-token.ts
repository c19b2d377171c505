import { createHash } from 'node:crypto';

/**
 * A luggage tracking token (32+ random bytes, base64url) is the only credential of its link.
 * Only its SHA-256 is stored; the api and the gateway look bookings up by this hash.
 */
export function trackingTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Cheap shape check before any lookup: 43 base64url characters for 32 bytes, up to 100. */
export const TRACKING_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43,100}$/;
