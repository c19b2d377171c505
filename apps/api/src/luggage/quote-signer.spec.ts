import { loadConfig } from '@app/config';
import { DomainError, LuggageDirection } from '@app/domain';
import { QuotePayload, QuoteSigner } from './quote-signer';

const signer = new QuoteSigner(loadConfig({ JWT_SECRET: 'unit-test-secret-0123456789' }));
const now = new Date('2026-03-02T00:00:00Z');
const payload: QuotePayload = {
  v: 1,
  areaId: 'a',
  origin: 'h-lotte-seoul',
  destination: 'icn-t1',
  direction: LuggageDirection.ToAirport,
  bags: { carry_on: 1, suitcase: 1, oversize: 0 },
  flightNumber: 'KE1',
  flightAt: '2026-03-02T07:00:00.000Z',
  readyAt: null,
  priceKrw: 40_000,
  priceRuleVersion: 1,
  serviceDate: '2026-03-02',
  pickupWindow: { start: 'x', end: 'y' },
  deliveryWindow: { start: 'x', end: 'z' },
  deadline: 'z',
  nextSlotOffered: false,
  iat: now.getTime() / 1000,
  exp: now.getTime() / 1000 + 600,
};
const code = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('signed luggage quotes', () => {
  it('verifies its own quote within the validity', () => {
    expect(signer.verify(signer.sign(payload), new Date(now.getTime() + 599_000))).toEqual(payload);
  });

  it('refuses a changed price, a foreign key or garbage as QUOTE_TAMPERED', () => {
    const token = signer.sign(payload);
    const [, mac] = token.split('.');
    const cheaper = Buffer.from(JSON.stringify({ ...payload, priceKrw: 1 })).toString('base64url');
    expect(code(() => signer.verify(`${cheaper}.${mac}`, now))).toBe('QUOTE_TAMPERED');
    const other = new QuoteSigner(loadConfig({ JWT_SECRET: 'another-secret-0123456789ab' }));
    expect(code(() => other.verify(token, now))).toBe('QUOTE_TAMPERED');
    expect(code(() => signer.verify('not-a-quote', now))).toBe('QUOTE_TAMPERED');
  });

  it('refuses an expired quote as QUOTE_EXPIRED', () => {
    expect(code(() => signer.verify(signer.sign(payload), new Date(now.getTime() + 601_000)))).toBe('QUOTE_EXPIRED');
  });
});
