import { haversineMatrix, matrixFromRows, TravelMatrix } from '@app/dispatch';
import { generateDemand, SimRequest } from './demand';
import { DayParams, secondsOfDay } from './params';

/** Everything a policy needs to run one day. Times in seconds after local midnight. */
export interface SimDay {
  readonly params: DayParams;
  readonly requests: readonly SimRequest[];
  /** Locations are the indexes of params.places. */
  readonly travel: TravelMatrix;
  readonly depot: number;
  readonly vans: number;
  readonly seats: number;
  readonly serviceStart: number;
  readonly serviceEnd: number;
  readonly maxWaitS: number;
  readonly dwellS: number;
  readonly rideTimeAlpha: number;
  readonly rideTimeBetaS: number;
}

export interface DayOptions {
  readonly seed: number;
  readonly requests: number;
  /** Default: params.fleet.vans. */
  readonly vans?: number;
}

/** Asia/Seoul offset used to place the reference time on a date (the speed profile is by local hour). */
const SEOUL_UTC_OFFSET_S = 9 * 3600;

/**
 * Builds a day: seeded demand plus the travel matrix between the places, from the engine's
 * haversine estimate at the reference time of day (one speed all day: a simplification).
 */
export function buildDay(params: DayParams, options: DayOptions): SimDay {
  const vans = options.vans ?? params.fleet.vans;
  if (!Number.isInteger(vans) || vans < 1) throw new Error('vans must be a whole number ≥ 1');
  const ref = secondsOfDay(params.travel.referenceTime);
  const departAt = new Date(Date.UTC(2026, 2, 4) + (ref - SEOUL_UTC_OFFSET_S) * 1000);
  const rows = haversineMatrix(params.places, departAt, { roadFactor: params.travel.roadFactor });
  return {
    params,
    requests: generateDemand(params, { seed: options.seed, requests: options.requests }),
    travel: matrixFromRows(rows.seconds, rows.meters),
    depot: params.places.findIndex((p) => p.code === params.fleet.depot),
    vans,
    seats: params.fleet.seats,
    serviceStart: secondsOfDay(params.service.start),
    serviceEnd: secondsOfDay(params.service.end),
    maxWaitS: params.settings.maxWaitMin * 60,
    dwellS: params.settings.dwellS,
    rideTimeAlpha: params.settings.rideTimeAlpha,
    rideTimeBetaS: params.settings.rideTimeBetaMin * 60,
  };
}

export const travelTime = (m: TravelMatrix, a: number, b: number): number => m.time[a * m.size + b];
export const travelMeters = (m: TravelMatrix, a: number, b: number): number => m.distance[a * m.size + b];

/** What happened to a request under a policy. */
export type RequestFate =
  /** picked up and dropped off */
  | 'served'
  /** the policy refused it at booking (ours: no feasible insertion) */
  | 'rejected'
  /** baseline: no van became free within the max wait */
  | 'dropped'
  | 'cancelled'
  | 'no-show';

export interface RequestRecord {
  readonly request: SimRequest;
  /** Direct drive time, seconds. */
  readonly directS: number;
  fate: RequestFate | 'pending';
  /** Start of service at the pickup (the rider boards). */
  pickupAt?: number;
  /** End of service at the pickup (the van leaves). */
  pickupDoneAt?: number;
  /** Start of service at the drop-off. */
  dropoffAt?: number;
}

export interface VanRecord {
  readonly id: string;
  meters: number;
  driveS: number;
  /** Time spent at stops (dwell), seconds. */
  serveS: number;
}

export interface PolicyOutcome {
  readonly policy: string;
  readonly records: readonly RequestRecord[];
  readonly vans: readonly VanRecord[];
  /** Shift length per van, seconds (service hours). */
  readonly shiftS: number;
  /** Counts by reason, for the report (e.g. rejection codes). */
  readonly reasons: Readonly<Record<string, number>>;
}

export function newRecords(day: SimDay): RequestRecord[] {
  return day.requests.map((request) => ({
    request,
    directS: travelTime(day.travel, request.from, request.to),
    fate: 'pending',
  }));
}

export function newVans(day: SimDay): VanRecord[] {
  return Array.from({ length: day.vans }, (_, k) => ({ id: `van-${k + 1}`, meters: 0, driveS: 0, serveS: 0 }));
}

/**
 * A van driving `from` → `to` (leaving at `departedAt`, `legS` seconds, `legM` metres) learns at
 * `now` that the trip is off: before half-way it turns back, otherwise it drives on. Where and
 * when it is free again, and what it drove.
 */
export function abandonLeg(
  from: number,
  to: number,
  departedAt: number,
  now: number,
  legS: number,
  legM: number,
): { location: number; earliest: number; meters: number; driveS: number } {
  const f = legS > 0 ? Math.max(0, Math.min(1, (now - departedAt) / legS)) : 1;
  if (f >= 0.5) return { location: to, earliest: departedAt + legS, meters: legM, driveS: legS };
  return { location: from, earliest: Math.max(now, departedAt) + f * legS, meters: 2 * f * legM, driveS: 2 * f * legS };
}
