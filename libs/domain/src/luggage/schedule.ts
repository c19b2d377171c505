import { DateTime } from 'luxon';
import { invalid } from '../errors';
import { LuggageErrorCode } from './error-codes';

export enum LuggageDirection {
  /** Hotel or home → airport: delivered before the flight's departure minus a buffer. */
  ToAirport = 'to_airport',
  /** Airport → hotel or home: delivered in the evening window. */
  FromAirport = 'from_airport',
}

/** The area's knobs (service_areas.settings of a luggage area), with defaults for the optional ones. */
export interface LuggageAreaSettings {
  /** Local "HH:mm": a same-day job must be booked by then. */
  sameDayCutoff: string;
  airportBufferMin: number;
  eveningWindow: [string, string];
  maxBags: number;
  /** Length of the pickup window offered at the hotel (or the counter). */
  pickupWindowMin: number;
  /** Earliest pickup after the booking is made. */
  minLeadMin: number;
  /** Time from landing until the bags are at the airport counter. */
  arrivalHandlingMin: number;
  /** First pickup of the day, local "HH:mm". */
  serviceOpens: string;
  /** Kerb time at a pickup or delivery, seconds. */
  stopServiceS: number;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function parseLuggageSettings(raw: Record<string, unknown>): LuggageAreaSettings {
  const str = (k: string, d: string) => (typeof raw[k] === 'string' && HHMM.test(raw[k]) ? raw[k] : d);
  const num = (k: string, d: number) =>
    typeof raw[k] === 'number' && Number.isFinite(raw[k]) && raw[k] >= 0 ? raw[k] : d;
  const ev =
    Array.isArray(raw.eveningWindow) &&
    raw.eveningWindow.length === 2 &&
    raw.eveningWindow.every((x) => typeof x === 'string' && HHMM.test(x))
      ? (raw.eveningWindow as [string, string])
      : (['18:00', '21:00'] as [string, string]);
  return {
    sameDayCutoff: str('sameDayCutoff', '10:00'),
    airportBufferMin: num('airportBufferMin', 150),
    eveningWindow: ev,
    maxBags: num('maxBags', 8),
    pickupWindowMin: num('pickupWindowMin', 120),
    minLeadMin: num('minLeadMin', 60),
    arrivalHandlingMin: num('arrivalHandlingMin', 60),
    serviceOpens: str('serviceOpens', '07:00'),
    stopServiceS: num('stopServiceS', 300),
  };
}

export interface LuggageWindow {
  start: Date;
  end: Date;
}

export interface ServiceSchedule {
  /** Local date (yyyy-MM-dd) of the day whose plan serves the booking. */
  serviceDate: string;
  pickupWindow: LuggageWindow;
  /** Delivery must start within this window; its end is the deadline. */
  deliveryWindow: LuggageWindow;
  deadline: Date;
  /** The requested same-day slot had passed and the next feasible one is offered. */
  nextSlotOffered: boolean;
}

export interface ScheduleInput {
  direction: LuggageDirection;
  now: Date;
  timezone: string;
  settings: LuggageAreaSettings;
  /** ToAirport: the flight's departure. */
  departureAt?: Date;
  /** ToAirport: when the bags are ready at the hotel (defaults to as early as possible). */
  readyAt?: Date;
  /** FromAirport: the flight's arrival. */
  arrivalAt?: Date;
  /** Estimated direct drive origin → destination, seconds. */
  directTravelS: number;
}

const at = (day: DateTime, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return day.set({ hour: h, minute: m, second: 0, millisecond: 0 });
};

/** The airport delivery deadline: departure minus the configured buffer. */
export function airportDeadline(departureAt: Date, bufferMin: number): Date {
  return new Date(departureAt.getTime() - bufferMin * 60_000);
}

/** Whether a job on `serviceDate` may still be booked at `now` (same-day cutoff, local time). */
export function sameDayAllowed(now: Date, serviceDate: string, timezone: string, cutoff: string): boolean {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  const today = local.toISODate();
  if (serviceDate > today!) return true;
  if (serviceDate < today!) return false;
  return local <= at(local.startOf('day'), cutoff);
}

/**
 * Windows and deadline of a booking, in the area's local time rules. Throws LUGGAGE_FLIGHT_IN_PAST,
 * LUGGAGE_SAME_DAY_CUTOFF_PASSED (hotel → airport: the flight cannot move; details name the next
 * bookable date) or LUGGAGE_DEADLINE_UNREACHABLE. Airport → hotel past the cutoff (or landing
 * too late for the evening window) is offered the next day's evening window instead.
 */
export function computeSchedule(input: ScheduleInput): ServiceSchedule {
  const { settings: s, timezone: zone, now } = input;
  const nowLocal = DateTime.fromJSDate(now, { zone });
  const travelMs = (input.directTravelS + 2 * s.stopServiceS) * 1000;
  const earliestAfterNow = nowLocal.plus({ minutes: s.minLeadMin });

  if (input.direction === LuggageDirection.ToAirport) {
    if (!input.departureAt)
      throw invalid(LuggageErrorCode.RouteInvalid, 'A delivery to the airport needs the departure time.');
    if (input.departureAt.getTime() <= now.getTime())
      throw invalid(LuggageErrorCode.FlightInPast, 'The flight has already departed.');
    const deadline = airportDeadline(input.departureAt, s.airportBufferMin);
    const day = DateTime.fromJSDate(deadline, { zone }).startOf('day');
    const serviceDate = day.toISODate()!;
    if (!sameDayAllowed(now, serviceDate, zone, s.sameDayCutoff) && serviceDate === nowLocal.toISODate()) {
      throw invalid(
        LuggageErrorCode.SameDayCutoffPassed,
        `Same-day airport deliveries must be booked by ${s.sameDayCutoff}.`,
        {
          cutoff: s.sameDayCutoff,
          nextBookableDate: nowLocal.plus({ days: 1 }).toISODate(),
        },
      );
    }
    let start = at(day, s.serviceOpens);
    if (input.readyAt) start = DateTime.max(start, DateTime.fromJSDate(input.readyAt, { zone }));
    start = DateTime.max(start, earliestAfterNow);
    if (start.toMillis() + travelMs > deadline.getTime()) {
      throw invalid(
        LuggageErrorCode.DeadlineUnreachable,
        'The bags cannot reach the airport before the deadline any more.',
        {
          deadline: deadline.toISOString(),
          earliestPickup: start.toJSDate().toISOString(),
        },
      );
    }
    const latestPickup = deadline.getTime() - travelMs;
    const end = Math.min(start.plus({ minutes: s.pickupWindowMin }).toMillis(), latestPickup);
    return {
      serviceDate,
      pickupWindow: { start: start.toJSDate(), end: new Date(end) },
      deliveryWindow: { start: start.toJSDate(), end: deadline },
      deadline,
      nextSlotOffered: false,
    };
  }

  if (!input.arrivalAt)
    throw invalid(LuggageErrorCode.RouteInvalid, 'A delivery from the airport needs the arrival time.');
  if (input.arrivalAt.getTime() < now.getTime() - 3 * 3600_000)
    throw invalid(LuggageErrorCode.FlightInPast, 'The flight landed too long ago to book.');
  const arrival = DateTime.fromJSDate(input.arrivalAt, { zone });
  const tryDay = (day: DateTime, readyAt: DateTime): ServiceSchedule | null => {
    const serviceDate = day.toISODate()!;
    if (!sameDayAllowed(now, serviceDate, zone, s.sameDayCutoff)) return null;
    const start = DateTime.max(at(day, s.serviceOpens), readyAt, earliestAfterNow);
    const evStart = at(day, s.eveningWindow[0]);
    const evEnd = at(day, s.eveningWindow[1]);
    if (start.toMillis() + travelMs > evEnd.toMillis()) return null;
    const end = Math.min(start.plus({ minutes: s.pickupWindowMin }).toMillis(), evEnd.toMillis() - travelMs);
    return {
      serviceDate,
      pickupWindow: { start: start.toJSDate(), end: new Date(end) },
      deliveryWindow: { start: evStart.toJSDate(), end: evEnd.toJSDate() },
      deadline: evEnd.toJSDate(),
      nextSlotOffered: false,
    };
  };
  const ready = arrival.plus({ minutes: s.arrivalHandlingMin });
  const sameDay = tryDay(ready.startOf('day'), ready);
  if (sameDay) return sameDay;
  // Next feasible slot: the bags wait at the airport counter and go out the next service day.
  for (let d = 1; d <= 2; d++) {
    const next = tryDay(ready.startOf('day').plus({ days: d }), ready);
    if (next) return { ...next, nextSlotOffered: true };
  }
  throw invalid(LuggageErrorCode.DeadlineUnreachable, 'No delivery slot can be offered for this arrival.');
}
