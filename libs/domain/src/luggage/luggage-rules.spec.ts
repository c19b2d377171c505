import { DateTime } from 'luxon';
import { DomainError } from '../errors';
import { canonicalJson } from './canonical';
import { afterPinAttempt, MAX_PIN_ATTEMPTS } from './pin';
import { assertBagCounts, BagClass, DEFAULT_PRICE_RULES, priceQuote, validatePriceRules } from './pricing';
import { airportDeadline, computeSchedule, LuggageDirection, parseLuggageSettings, sameDayAllowed } from './schedule';
import { assertTransition, canTransition, cancellationFeeFor, LuggageStatus, showsCourierPosition } from './status';

const zone = 'Asia/Seoul';
const day = DateTime.fromISO('2026-03-02', { zone });
const at = (h: number, m = 0, d = 0) => day.plus({ days: d }).set({ hour: h, minute: m }).toJSDate();
const settings = parseLuggageSettings({
  sameDayCutoff: '10:00',
  airportBufferMin: 150,
  eveningWindow: ['18:00', '21:00'],
  maxBags: 8,
});
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return null;
};

describe('luggage status machine', () => {
  it('follows booked → assigned → en route → picked up → in transit → delivered', () => {
    const path = [
      LuggageStatus.Booked,
      LuggageStatus.Assigned,
      LuggageStatus.CourierEnRoute,
      LuggageStatus.PickedUp,
      LuggageStatus.InTransit,
      LuggageStatus.Delivered,
    ];
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1], path[i])).toBe(true);
  });

  it('refuses skipping the pickup or leaving a terminal status', () => {
    expect(codeOf(() => assertTransition(LuggageStatus.Assigned, LuggageStatus.Delivered))).toBe(
      'LUGGAGE_STATUS_CONFLICT',
    );
    expect(codeOf(() => assertTransition(LuggageStatus.Delivered, LuggageStatus.Failed))).toBe(
      'LUGGAGE_STATUS_CONFLICT',
    );
    expect(codeOf(() => assertTransition(LuggageStatus.Cancelled, LuggageStatus.Assigned))).toBe(
      'LUGGAGE_STATUS_CONFLICT',
    );
  });

  it('cancels free until the courier sets off, then charges the fee, and never once the bags are taken', () => {
    expect(cancellationFeeFor(LuggageStatus.Booked, 10_000)).toBe(0);
    expect(cancellationFeeFor(LuggageStatus.Assigned, 10_000)).toBe(0);
    expect(cancellationFeeFor(LuggageStatus.CourierEnRoute, 10_000)).toBe(10_000);
    expect(codeOf(() => cancellationFeeFor(LuggageStatus.PickedUp, 10_000))).toBe('LUGGAGE_NOT_CANCELLABLE');
  });

  it('shows the courier only while heading to the traveller or carrying the bags', () => {
    expect(showsCourierPosition(LuggageStatus.Assigned)).toBe(false);
    expect(showsCourierPosition(LuggageStatus.CourierEnRoute)).toBe(true);
    expect(showsCourierPosition(LuggageStatus.InTransit)).toBe(true);
    expect(showsCourierPosition(LuggageStatus.Delivered)).toBe(false);
  });
});

describe('luggage pricing', () => {
  it('adds base, bags by class and the zone surcharge in whole won', () => {
    const bags = { [BagClass.CarryOn]: 1, [BagClass.Suitcase]: 2, [BagClass.Oversize]: 1 };
    expect(priceQuote(DEFAULT_PRICE_RULES, bags, 10)).toEqual({
      baseKrw: 10_000,
      bagsKrw: 80_000,
      zone: 'A',
      zoneSurchargeKrw: 0,
      totalKrw: 90_000,
    });
    expect(priceQuote(DEFAULT_PRICE_RULES, bags, 30).zone).toBe('B');
    expect(priceQuote(DEFAULT_PRICE_RULES, bags, 300)).toMatchObject({ zone: 'C', totalKrw: 100_000 });
  });

  it('refuses zero bags and more than the maximum per booking', () => {
    expect(codeOf(() => assertBagCounts({ carry_on: 0, suitcase: 0, oversize: 0 }, 8))).toBe('LUGGAGE_BAGS_INVALID');
    expect(codeOf(() => assertBagCounts({ carry_on: 4, suitcase: 4, oversize: 1 }, 8))).toBe('LUGGAGE_BAGS_INVALID');
    expect(codeOf(() => assertBagCounts({ carry_on: 4, suitcase: 4, oversize: 0 }, 8))).toBeNull();
  });

  it('refuses rules with fractional won or zones out of order', () => {
    expect(codeOf(() => validatePriceRules({ ...DEFAULT_PRICE_RULES, baseKrw: 10.5 }))).toBe('PRICE_RULES_INVALID');
    expect(
      codeOf(() =>
        validatePriceRules({
          ...DEFAULT_PRICE_RULES,
          zones: [
            { code: 'A', maxKm: 50, surchargeKrw: 0 },
            { code: 'B', maxKm: 20, surchargeKrw: 0 },
            { code: 'C', maxKm: null, surchargeKrw: 0 },
          ],
        }),
      ),
    ).toBe('PRICE_RULES_INVALID');
  });
});

describe('luggage deadlines and the same-day cutoff (Asia/Seoul)', () => {
  it('sets the airport deadline at departure minus the buffer', () => {
    expect(airportDeadline(at(16), 150)).toEqual(at(13, 30));
  });

  it('accepts same-day jobs until the cutoff, local time', () => {
    expect(sameDayAllowed(at(9, 59), '2026-03-02', zone, '10:00')).toBe(true);
    expect(sameDayAllowed(at(10, 1), '2026-03-02', zone, '10:00')).toBe(false);
    expect(sameDayAllowed(at(23), '2026-03-03', zone, '10:00')).toBe(true);
  });

  it('gives a hotel → airport booking a pickup window before its deadline', () => {
    const s = computeSchedule({
      direction: LuggageDirection.ToAirport,
      now: at(8),
      timezone: zone,
      settings,
      departureAt: at(16),
      directTravelS: 3600,
    });
    expect(s).toMatchObject({ serviceDate: '2026-03-02', deadline: at(13, 30), nextSlotOffered: false });
    expect(s.pickupWindow.start).toEqual(at(9)); // now + 60 min lead
    expect(s.pickupWindow.end).toEqual(at(11));
  });

  it('refuses a flight in the past, a deadline that cannot be met and a same-day job past the cutoff', () => {
    const base = { direction: LuggageDirection.ToAirport, timezone: zone, settings, directTravelS: 3600 };
    expect(codeOf(() => computeSchedule({ ...base, now: at(8), departureAt: at(7) }))).toBe('LUGGAGE_FLIGHT_IN_PAST');
    expect(codeOf(() => computeSchedule({ ...base, now: at(8), departureAt: at(12) }))).toBe(
      'LUGGAGE_DEADLINE_UNREACHABLE',
    );
    expect(codeOf(() => computeSchedule({ ...base, now: at(10, 30), departureAt: at(20) }))).toBe(
      'LUGGAGE_SAME_DAY_CUTOFF_PASSED',
    );
    expect(codeOf(() => computeSchedule({ ...base, now: at(10, 30), departureAt: at(20, 0, 1) }))).toBeNull();
  });

  it('offers the next evening window for an airport → hotel booking past the cutoff', () => {
    const base = { direction: LuggageDirection.FromAirport, timezone: zone, settings, directTravelS: 3600 };
    const sameDay = computeSchedule({ ...base, now: at(8), arrivalAt: at(11) });
    expect(sameDay).toMatchObject({ serviceDate: '2026-03-02', deadline: at(21), nextSlotOffered: false });
    expect(sameDay.deliveryWindow.start).toEqual(at(18));
    const next = computeSchedule({ ...base, now: at(10, 30), arrivalAt: at(11) });
    expect(next).toMatchObject({ serviceDate: '2026-03-03', deadline: at(21, 0, 1), nextSlotOffered: true });
  });
});

describe('handover PIN', () => {
  it('locks on the fifth wrong PIN and refuses even the right one while locked', () => {
    let state = { attempts: 0, locked: false };
    for (let i = 1; i <= MAX_PIN_ATTEMPTS; i++) {
      const next = afterPinAttempt(state, false);
      expect(next.accepted).toBe(false);
      expect(next.locked).toBe(i === MAX_PIN_ATTEMPTS);
      state = next;
    }
    expect(afterPinAttempt(state, true).accepted).toBe(false);
    expect(afterPinAttempt({ attempts: 4, locked: false }, true).accepted).toBe(true);
  });
});

describe('canonical JSON', () => {
  it('orders keys so equal values sign equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}',
    );
  });
});
