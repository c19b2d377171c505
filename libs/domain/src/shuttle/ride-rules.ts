import { DateTime } from 'luxon';
import { ErrorCodes, invalid } from '../errors';
import { ServiceWindow } from '../catalog';
import { HolidayRule, hoursInEffect } from '../operations/service-area-rules';
import { ShuttleErrorCode } from './shuttle-errors';
import { RideTimeMode } from './ride-status';

/** Per-area dispatch knobs, resolved from the area's settings over the configured defaults. */
export interface ShuttleSettings {
  maxWaitMin: number;
  rideTimeAlpha: number;
  rideTimeBetaMin: number;
  dwellS: number;
  noShowAfterMin: number;
  bookingHorizonDays: number;
  riderDelayWeight: number;
}

const num = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;

/** An area's jsonb settings over the defaults; anything missing or malformed falls back. */
export function resolveShuttleSettings(
  areaSettings: Record<string, unknown> | null | undefined,
  defaults: ShuttleSettings,
): ShuttleSettings {
  const s = areaSettings ?? {};
  return {
    maxWaitMin: num(s.maxWaitMin, defaults.maxWaitMin),
    rideTimeAlpha: num(s.rideTimeAlpha, defaults.rideTimeAlpha),
    rideTimeBetaMin: num(s.rideTimeBetaMin, defaults.rideTimeBetaMin),
    dwellS: num(s.dwellS, defaults.dwellS),
    noShowAfterMin: num(s.noShowAfterMin, defaults.noShowAfterMin),
    bookingHorizonDays: num(s.bookingHorizonDays, defaults.bookingHorizonDays),
    riderDelayWeight: num(s.riderDelayWeight, defaults.riderDelayWeight),
  };
}

/**
 * When the driver may mark a no-show: the full wait counted from when the arrival reached the
 * server, which is when the rider was told. An arrival queued offline keeps its real time in
 * the history, but the rider never loses wait to the driver's lost signal.
 */
export function noShowAllowedAt(arrivalReportedAt: Date, settings: Pick<ShuttleSettings, 'noShowAfterMin'>): Date {
  return new Date(arrivalReportedAt.getTime() + settings.noShowAfterMin * 60_000);
}

/** Max ride time = α · direct time + β: seconds, from the direct drive time in seconds. */
export function maxRideSeconds(
  directS: number,
  settings: Pick<ShuttleSettings, 'rideTimeAlpha' | 'rideTimeBetaMin'>,
): number {
  return Math.round(settings.rideTimeAlpha * directS + settings.rideTimeBetaMin * 60);
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/**
 * Whether an instant falls inside the area's opening hours, read in the area's local time. On a
 * holiday the holiday's own hours replace the week's (none: closed all day).
 */
export function isWithinServiceHours(
  at: Date,
  hours: readonly ServiceWindow[],
  timezone: string,
  holidays: readonly HolidayRule[] = [],
): boolean {
  const local = DateTime.fromJSDate(at, { zone: timezone });
  const minute = local.hour * 60 + local.minute + local.second / 60;
  return hoursInEffect(at, hours, holidays, timezone).some(
    (w) => w.weekday === local.weekday && minute >= minutesOf(w.opens) && minute < minutesOf(w.closes),
  );
}

export interface RideTimeRequest {
  mode: RideTimeMode;
  /** Required for depart_at / arrive_by. */
  at?: Date;
}

/** Grace for clocks: a depart-at a few seconds in the past still means "now". */
const PAST_GRACE_MS = 60_000;

/**
 * Checks the requested time against now, the booking horizon and the service hours, and
 * returns the instant the pickup should start from (for arrive-by: the arrival deadline).
 */
export function validateRideTime(
  req: RideTimeRequest,
  ctx: {
    now: Date;
    hours: readonly ServiceWindow[];
    holidays?: readonly HolidayRule[];
    timezone: string;
    horizonDays: number;
  },
): { mode: RideTimeMode; at: Date } {
  const at = req.mode === RideTimeMode.Now ? ctx.now : req.at;
  if (!at || Number.isNaN(at.getTime()))
    throw invalid(ErrorCodes.RIDE_TIME_REQUIRED, 'depart_at and arrive_by need a time.');
  if (at.getTime() < ctx.now.getTime() - PAST_GRACE_MS) {
    throw invalid(ShuttleErrorCode.TimeInPast, 'The requested time is in the past.', { at: at.toISOString() });
  }
  const horizon = ctx.now.getTime() + ctx.horizonDays * 86_400_000;
  if (at.getTime() > horizon) {
    throw invalid(ShuttleErrorCode.BeyondHorizon, `Rides can be booked at most ${ctx.horizonDays} days ahead.`, {
      at: at.toISOString(),
      latest: new Date(horizon).toISOString(),
    });
  }
  const effective = at.getTime() < ctx.now.getTime() ? ctx.now : at;
  if (!isWithinServiceHours(effective, ctx.hours, ctx.timezone, ctx.holidays)) {
    const date = DateTime.fromJSDate(effective, { zone: ctx.timezone }).toISODate();
    const holiday = ctx.holidays?.find((h) => h.date === date);
    throw invalid(
      ShuttleErrorCode.OutsideServiceHours,
      holiday
        ? `The shuttle does not run at that time on ${date} (${holiday.name?.en ?? 'holiday'}).`
        : 'The shuttle does not run at that time.',
      {
        at: effective.toISOString(),
        serviceHours: ctx.hours,
        ...(holiday ? { holiday } : {}),
      },
    );
  }
  return { mode: req.mode, at: effective };
}

export function validatePassengers(passengers: number, largestSeats: number): void {
  if (!Number.isInteger(passengers) || passengers < 1 || passengers > largestSeats) {
    throw invalid(ShuttleErrorCode.PassengersOutOfRange, `Passengers must be between 1 and ${largestSeats}.`, {
      min: 1,
      max: largestSeats,
    });
  }
}

/**
 * The pickup window promised at booking: from the requested time for `max wait` minutes.
 * Arrive-by rides: the window ends early enough that a direct ride plus the ride-time slack
 * still arrives by the deadline.
 */
export function pickupWindowFor(
  time: { mode: RideTimeMode; at: Date },
  directS: number,
  settings: Pick<ShuttleSettings, 'maxWaitMin' | 'dwellS'>,
): { earliest: Date; latest: Date } {
  const waitMs = settings.maxWaitMin * 60_000;
  if (time.mode !== RideTimeMode.ArriveBy) return { earliest: time.at, latest: new Date(time.at.getTime() + waitMs) };
  const latest = new Date(time.at.getTime() - (directS + settings.dwellS) * 1000);
  return { earliest: new Date(latest.getTime() - waitMs), latest };
}
