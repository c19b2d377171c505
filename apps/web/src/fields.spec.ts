import { ApiError } from './api';
import { fieldErrorTexts, fieldProps, refusedFields } from './fields';
import type { Translate } from './i18n';
import { en, type MessageKey } from './messages';

const t: Translate = (key: MessageKey) => en[key];
const refusal = (fields: unknown) =>
  new ApiError(400, 'VALIDATION_FAILED', 'contact.phone must be a valid phone number', { errors: [], fields });

describe('field refusals', () => {
  it('names each refused field once, with its first rule', () => {
    const e = refusal([
      { field: 'contact.phone', rule: 'isPhoneNumber', message: 'contact.phone must be a valid phone number' },
      { field: 'contact.phone', rule: 'isString', message: '…' },
      { field: 'flightNumber', rule: 'matches', message: 'flightNumber must look like KE123' },
    ]);
    expect(refusedFields(e)).toEqual([
      { field: 'contact.phone', rule: 'isPhoneNumber' },
      { field: 'flightNumber', rule: 'matches' },
    ]);
  });

  it("shows the field's own text in the reader's language, or a general one for a field the pages do not know", () => {
    const texts = fieldErrorTexts(
      t,
      refusal([
        { field: 'contact.phone', rule: 'isPhoneNumber' },
        { field: 'somethingNew', rule: 'min' },
      ]),
    );
    expect(texts['contact.phone']).toBe(en['field.contact.phone']);
    expect(texts.somethingNew).toBe(en['field.invalid']);
    expect(texts['contact.phone']).not.toContain('must be');
  });

  it('names no field for other refusals, or for a problem without field details', () => {
    expect(
      fieldErrorTexts(
        t,
        new ApiError(422, 'QUOTE_EXPIRED', 'expired', { fields: [{ field: 'quoteToken', rule: 'x' }] }),
      ),
    ).toEqual({});
    expect(fieldErrorTexts(t, new ApiError(400, 'VALIDATION_FAILED', 'bad'))).toEqual({});
    expect(fieldErrorTexts(t, new Error('offline'))).toEqual({});
  });

  it('puts a refusal of the whole request at the field it is about', () => {
    const e = new ApiError(409, 'EMAIL_TAKEN', 'An account with this email exists; sign in instead.');
    expect(fieldErrorTexts(t, e, { EMAIL_TAKEN: 'email' })).toEqual({ email: en['code.EMAIL_TAKEN'] });
    expect(fieldErrorTexts(t, e, { PHONE_TAKEN: 'phone' })).toEqual({});
  });

  it('marks a refused input invalid and points it at its message and its hint', () => {
    expect(fieldProps({ phone: 'x' }, 'phone', 'phone-hint')).toEqual({
      'aria-invalid': true,
      'aria-describedby': 'phone-hint field-error-phone',
    });
    expect(fieldProps({}, 'phone', 'phone-hint')).toEqual({ 'aria-describedby': 'phone-hint' });
    expect(fieldProps({}, 'phone')).toEqual({});
  });
});
