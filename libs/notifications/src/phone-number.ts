import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** E.164 (`+821012345678`) for a number written the way travellers write them; null when it is no valid number. */
export function toE164(raw: string, defaultCountry: 'KR' = 'KR'): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  return parsed && parsed.isValid() ? parsed.number : null;
}

/** What a Korean provider expects: the national number for Korea, else the country code apart. */
export function providerNumber(e164: string): { country: string; number: string } {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) throw new Error('not an E.164 number');
  const national = String(parsed.nationalNumber);
  return parsed.countryCallingCode === '82'
    ? { country: '82', number: `0${national}` }
    : { country: parsed.countryCallingCode, number: national };
}

/** A recipient as staff see it in lists: enough to tell two apart, not enough to call or write. */
export function maskRecipient(recipient: string): string {
  const at = recipient.indexOf('@');
  if (at > 0) return `${recipient[0]}***${recipient.slice(at)}`;
  if (recipient.length <= 7) return '***';
  return `${recipient.slice(0, 5)}****${recipient.slice(-4)}`;
}
