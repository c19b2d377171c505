import { ServiceWindow } from '../catalog';
import {
  isWithinServiceHours,
  maxRideSeconds,
  noShowAllowedAt,
  pickupWindowFor,
  resolveShuttleSettings,
  ShuttleSettings,
  validatePassengers,
  validateRideTime,
} from './ride-rules';
import { RideTimeMode } from './ride-status';

const weekdays: ServiceWindow[] = ([1, 2, 3, 4, 5] as const).map((weekday) => ({
  weekday,
  opens: '10:00',
  closes: '17:00',
}));
const TZ = 'Asia/Seoul';
const defaults: ShuttleSettings = {
  maxWaitMin: 15,
  rideTimeAlpha: 1.5,
  rideTimeBetaMin: 10,
  dwellS: 60,
  noShowAfterMin: 3,
  bookingHorizonDays: 7,
  riderDelayWeight: 1,
};
// Monday 2026-11-23, 11:00 in Seoul = 02:00 UTC.
const mondayMorning = new Date('2026-11-23T02:00:00Z');

describe("service hours (read in the area's local time)", () => {
  it('is open on a weekday between 10:00 and 17:00 Seoul time', () => {
    expect(isWithinServiceHours(mondayMorning, weekdays, TZ)).toBe(true);
  });

  it('is closed at 09:59 and at 17:00 Seoul time, whatever the UTC date says', () => {
    expect(isWithinServiceHours(new Date('2026-11-23T00:59:00Z'), weekdays, TZ)).toBe(false);
    expect(isWithinServiceHours(new Date('2026-11-23T08:00:00Z'), weekdays, TZ)).toBe(false);
  });

  it('is closed on Saturday in Seoul even when it is still Friday in UTC', () => {
    // Friday 2026-11-27 23:30 UTC = Saturday 08:30 in Seoul.
    expect(isWithinServiceHours(new Date('2026-11-27T23:30:00Z'), weekdays, TZ)).toBe(false);
    // Friday 2026-11-27 03:00 UTC = Friday 12:00 in Seoul.
    expect(isWithinServiceHours(new Date('2026-11-27T03:00:00Z'), weekdays, TZ)).toBe(true);
  });

  it("is closed on a holiday, or open only in the holiday's own hours", () => {
    // Friday 2026-12-25 12:00 in Seoul.
    const christmasNoon = new Date('2026-12-25T03:00:00Z');
    expect(isWithinServiceHours(christmasNoon, weekdays, TZ, [{ date: '2026-12-25', hours: [] }])).toBe(false);
    expect(
      isWithinServiceHours(christmasNoon, weekdays, TZ, [
        { date: '2026-12-25', hours: [{ opens: '11:00', closes: '13:00' }] },
      ]),
    ).toBe(true);
    expect(
      isWithinServiceHours(christmasNoon, weekdays, TZ, [
        { date: '2026-12-25', hours: [{ opens: '13:00', closes: '15:00' }] },
      ]),
    ).toBe(false);
    // Another date's holiday changes nothing.
    expect(isWithinServiceHours(christmasNoon, weekdays, TZ, [{ date: '2026-12-24', hours: [] }])).toBe(true);
  });

  it('refuses a ride on a holiday, naming the holiday', () => {
    const holiday = { date: '2026-12-25', name: { ko: '성탄절', en: 'Christmas Day' }, hours: [] };
    const ctx = {
      now: new Date('2026-12-24T03:00:00Z'),
      hours: weekdays,
      holidays: [holiday],
      timezone: TZ,
      horizonDays: 7,
    };
    expect(() => validateRideTime({ mode: RideTimeMode.DepartAt, at: new Date('2026-12-25T03:00:00Z') }, ctx)).toThrow(
      expect.objectContaining({ code: 'OUTSIDE_SERVICE_HOURS', details: expect.objectContaining({ holiday }) }),
    );
    expect(
      validateRideTime({ mode: RideTimeMode.DepartAt, at: new Date('2026-12-24T04:00:00Z') }, ctx).at.toISOString(),
    ).toBe('2026-12-24T04:00:00.000Z');
  });
});

describe('requested time', () => {
  const ctx = { now: mondayMorning, hours: weekdays, timezone: TZ, horizonDays: 7 };

  it('takes now as now', () => {
    expect(validateRideTime({ mode: RideTimeMode.Now }, ctx).at).toEqual(mondayMorning);
  });

  it('refuses a time in the past', () => {
    expect(() =>
      validateRideTime({ mode: RideTimeMode.DepartAt, at: new Date(mondayMorning.getTime() - 3_600_000) }, ctx),
    ).toThrow(expect.objectContaining({ code: 'TIME_IN_PAST' }));
  });

  it('refuses a time past the booking horizon', () => {
    expect(() =>
      validateRideTime({ mode: RideTimeMode.DepartAt, at: new Date(mondayMorning.getTime() + 8 * 86_400_000) }, ctx),
    ).toThrow(expect.objectContaining({ code: 'BEYOND_BOOKING_HORIZON' }));
  });

  it('refuses a time outside service hours', () => {
    expect(() => validateRideTime({ mode: RideTimeMode.DepartAt, at: new Date('2026-11-23T09:00:00Z') }, ctx)).toThrow(
      expect.objectContaining({ code: 'OUTSIDE_SERVICE_HOURS' }),
    );
  });

  it('needs a time for depart-at', () => {
    expect(() => validateRideTime({ mode: RideTimeMode.DepartAt }, ctx)).toThrow(
      expect.objectContaining({ code: 'RIDE_TIME_REQUIRED' }),
    );
  });
});

describe('ride limits', () => {
  it('lets a no-show be marked only the whole wait after the arrival was reported', () => {
    expect(noShowAllowedAt(new Date('2026-11-24T01:00:00Z'), { noShowAfterMin: 3 }).toISOString()).toBe(
      '2026-11-24T01:03:00.000Z',
    );
  });

  it('allows α · direct + β seconds of ride', () => {
    expect(maxRideSeconds(600, { rideTimeAlpha: 1.5, rideTimeBetaMin: 10 })).toBe(1500);
  });

  it('bounds passengers by the largest van', () => {
    expect(() => validatePassengers(11, 11)).not.toThrow();
    expect(() => validatePassengers(12, 11)).toThrow(expect.objectContaining({ code: 'PASSENGERS_OUT_OF_RANGE' }));
    expect(() => validatePassengers(0, 11)).toThrow(expect.objectContaining({ code: 'PASSENGERS_OUT_OF_RANGE' }));
  });

  it('promises a pickup window of max-wait minutes from the requested time', () => {
    const w = pickupWindowFor({ mode: RideTimeMode.DepartAt, at: mondayMorning }, 300, defaults);
    expect(w.latest.getTime() - w.earliest.getTime()).toBe(15 * 60_000);
    expect(w.earliest).toEqual(mondayMorning);
  });

  it('ends an arrive-by pickup window early enough for a direct ride', () => {
    const w = pickupWindowFor({ mode: RideTimeMode.ArriveBy, at: mondayMorning }, 300, defaults);
    expect(w.latest.getTime()).toBe(mondayMorning.getTime() - 360_000);
  });

  it('reads area settings over the defaults and ignores malformed values', () => {
    const s = resolveShuttleSettings({ maxWaitMin: 20, rideTimeAlpha: 'x' }, defaults);
    expect(s.maxWaitMin).toBe(20);
    expect(s.rideTimeAlpha).toBe(1.5);
  });
});
