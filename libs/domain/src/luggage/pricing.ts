import { invalid } from '../errors';
import { LuggageErrorCode } from './error-codes';

/** Size classes a traveller counts bags in. */
export enum BagClass {
  CarryOn = 'carry_on',
  Suitcase = 'suitcase',
  Oversize = 'oversize',
}
export const BAG_CLASSES: readonly BagClass[] = Object.values(BagClass);

export type BagCounts = Record<BagClass, number>;

/**
 * A price rule set (integer KRW). The zone is decided by the straight-line distance between
 * origin and destination: the first band whose maxKm is >= the distance applies (null = no limit).
 */
export interface PriceRules {
  baseKrw: number;
  perBagKrw: Record<BagClass, number>;
  zones: Array<{ code: string; maxKm: number | null; surchargeKrw: number }>;
  /** Charged when a booking is cancelled after the courier set off for the pickup. */
  cancellationFeeKrw: number;
}

export const DEFAULT_PRICE_RULES: PriceRules = {
  baseKrw: 10_000,
  perBagKrw: { [BagClass.CarryOn]: 10_000, [BagClass.Suitcase]: 20_000, [BagClass.Oversize]: 30_000 },
  zones: [
    { code: 'A', maxKm: 20, surchargeKrw: 0 },
    { code: 'B', maxKm: 45, surchargeKrw: 5_000 },
    { code: 'C', maxKm: null, surchargeKrw: 10_000 },
  ],
  cancellationFeeKrw: 10_000,
};

const isKrw = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 10_000_000;

/** Throws PRICE_RULES_INVALID naming the first bad field. */
export function validatePriceRules(rules: PriceRules): PriceRules {
  const bad = (field: string) =>
    invalid(
      LuggageErrorCode.PriceRulesInvalid,
      `Price rules: ${field} must be an integer amount of KRW (0 to 10,000,000).`,
      { field },
    );
  if (!isKrw(rules.baseKrw)) throw bad('baseKrw');
  if (!isKrw(rules.cancellationFeeKrw)) throw bad('cancellationFeeKrw');
  for (const c of BAG_CLASSES) if (!isKrw(rules.perBagKrw?.[c])) throw bad(`perBagKrw.${c}`);
  if (!Array.isArray(rules.zones) || rules.zones.length === 0) throw bad('zones');
  let last = -1;
  rules.zones.forEach((z, i) => {
    if (!isKrw(z.surchargeKrw)) throw bad(`zones[${i}].surchargeKrw`);
    const isLast = i === rules.zones.length - 1;
    if (isLast && z.maxKm !== null)
      throw invalid(LuggageErrorCode.PriceRulesInvalid, 'Price rules: the last zone must have maxKm null (no limit).', {
        field: `zones[${i}].maxKm`,
      });
    if (!isLast && (typeof z.maxKm !== 'number' || !(z.maxKm > last))) {
      throw invalid(LuggageErrorCode.PriceRulesInvalid, 'Price rules: zone maxKm must increase.', {
        field: `zones[${i}].maxKm`,
      });
    }
    if (!isLast) last = z.maxKm as number;
  });
  return rules;
}

export interface PriceBreakdown {
  baseKrw: number;
  bagsKrw: number;
  zone: string;
  zoneSurchargeKrw: number;
  totalKrw: number;
}

export function totalBags(bags: BagCounts): number {
  return BAG_CLASSES.reduce((sum, c) => sum + bags[c], 0);
}

/** Refuses zero bags, negative or fractional counts, and more than maxBags in one booking. */
export function assertBagCounts(bags: BagCounts, maxBags: number): void {
  for (const c of BAG_CLASSES) {
    const n = bags[c];
    if (!Number.isInteger(n) || n < 0)
      throw invalid(LuggageErrorCode.BagsInvalid, `Bag count for ${c} must be a whole number ≥ 0.`, { bagClass: c });
  }
  const total = totalBags(bags);
  if (total === 0)
    throw invalid(LuggageErrorCode.BagsInvalid, 'A booking carries at least one bag.', { total, maxBags });
  if (total > maxBags)
    throw invalid(LuggageErrorCode.BagsInvalid, `At most ${maxBags} bags per booking.`, { total, maxBags });
}

export function priceQuote(rules: PriceRules, bags: BagCounts, distanceKm: number): PriceBreakdown {
  const bagsKrw = BAG_CLASSES.reduce((sum, c) => sum + rules.perBagKrw[c] * bags[c], 0);
  const zone =
    rules.zones.find((z) => z.maxKm === null || distanceKm <= z.maxKm) ?? rules.zones[rules.zones.length - 1];
  const totalKrw = rules.baseKrw + bagsKrw + zone.surchargeKrw;
  return { baseKrw: rules.baseKrw, bagsKrw, zone: zone.code, zoneSurchargeKrw: zone.surchargeKrw, totalKrw };
}
