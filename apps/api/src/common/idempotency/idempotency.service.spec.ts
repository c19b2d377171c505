import { requestFingerprint } from './idempotency.service';

describe('request fingerprint', () => {
  it('does not depend on the order of keys in the body', () => {
    expect(requestFingerprint('POST /v1/rides', { a: 1, b: { c: 2, d: 3 } })).toBe(
      requestFingerprint('POST /v1/rides', { b: { d: 3, c: 2 }, a: 1 }),
    );
  });

  it('differs for another body or another operation', () => {
    const base = requestFingerprint('POST /v1/rides', { passengers: 1 });
    expect(requestFingerprint('POST /v1/rides', { passengers: 2 })).not.toBe(base);
    expect(requestFingerprint('POST /v1/dispatch/rides', { passengers: 1 })).not.toBe(base);
  });
});
