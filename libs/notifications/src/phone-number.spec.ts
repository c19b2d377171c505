import { maskRecipient, providerNumber, toE164 } from './phone-number';
import { SecretSealer } from './sealed-secrets';

describe('phone numbers', () => {
  it('stores Korean mobile numbers as written by travellers in E.164', () => {
    expect(toE164('010-1234-5678')).toBe('+821012345678');
    expect(toE164('01012345678')).toBe('+821012345678');
    expect(toE164('+82 10 1234 5678')).toBe('+821012345678');
    expect(toE164('+44 7911 123456')).toBe('+447911123456');
  });

  it('refuses what is no phone number', () => {
    expect(toE164('12345')).toBeNull();
    expect(toE164('not a number')).toBeNull();
  });

  it('gives the provider the national number for Korea and the country code apart otherwise', () => {
    expect(providerNumber('+821012345678')).toEqual({ country: '82', number: '01012345678' });
    expect(providerNumber('+447911123456')).toEqual({ country: '44', number: '7911123456' });
  });

  it('masks recipients for staff lists', () => {
    expect(maskRecipient('+821012345678')).toBe('+8210****5678');
    expect(maskRecipient('traveller@example.com')).toBe('t***@example.com');
  });
});

describe('SecretSealer', () => {
  it('opens what it sealed, and the sealed text shows nothing of the PIN', () => {
    const sealer = new SecretSealer('unit-test-secret-0123456789');
    const sealed = sealer.seal({ pin: '482913' });
    expect(sealed).not.toContain('482913');
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('482913');
    expect(sealer.open(sealed)).toEqual({ pin: '482913' });
  });

  it('refuses a sealed value under another key', () => {
    const sealed = new SecretSealer('unit-test-secret-0123456789').seal({ pin: '1' });
    expect(() => new SecretSealer('another-secret-0123456789ab').open(sealed)).toThrow();
  });
});
