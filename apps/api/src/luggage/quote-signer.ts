import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { BagCounts, canonicalJson, invalid, LuggageDirection, LuggageErrorCode } from '@app/domain';

/** What a quote promises; signed as canonical JSON so any change to any field breaks the MAC. */
export interface QuotedAddress {
  text: string;
  lat: number;
  lng: number;
}

export interface QuotePayload {
  v: 1;
  areaId: string;
  /** Place codes; null on a side given as an address. */
  origin: string | null;
  destination: string | null;
  originAddress?: QuotedAddress | null;
  destinationAddress?: QuotedAddress | null;
  direction: LuggageDirection;
  bags: BagCounts;
  flightNumber: string;
  flightAt: string;
  readyAt: string | null;
  priceKrw: number;
  priceRuleVersion: number;
  serviceDate: string;
  pickupWindow: { start: string; end: string };
  deliveryWindow: { start: string; end: string };
  deadline: string;
  nextSlotOffered: boolean;
  /** Unix seconds. */
  iat: number;
  exp: number;
}

/** HMAC-SHA256 signed offers: `<base64url(canonical json)>.<base64url(mac)>`. */
@Injectable()
export class QuoteSigner {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // A key of its own, derived so a quote MAC can never be replayed as any other MAC.
    this.key = createHmac('sha256', config.luggage.quoteSecret).update('free-lug quote v1').digest();
  }

  sign(payload: QuotePayload): string {
    const body = Buffer.from(canonicalJson(payload)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** Throws QUOTE_TAMPERED (bad form or MAC) or QUOTE_EXPIRED. */
  verify(token: string, now: Date): QuotePayload {
    const tampered = () =>
      invalid(LuggageErrorCode.QuoteTampered, 'The quote is not one we issued, or it was changed.');
    const parts = typeof token === 'string' ? token.split('.') : [];
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw tampered();
    const expected = Buffer.from(this.mac(parts[0]));
    const given = Buffer.from(parts[1]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw tampered();
    let payload: QuotePayload;
    try {
      payload = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as QuotePayload;
    } catch {
      throw tampered();
    }
    if (payload.v !== 1 || typeof payload.exp !== 'number') throw tampered();
    if (now.getTime() / 1000 > payload.exp) {
      throw invalid(LuggageErrorCode.QuoteExpired, 'The quote has expired; ask for a new one.', {
        expiredAt: new Date(payload.exp * 1000).toISOString(),
      });
    }
    return payload;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
