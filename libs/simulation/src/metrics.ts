import { intendsToRide } from './demand';
import { PolicyOutcome } from './day';

export interface PolicyMetrics {
  readonly policy: string;
  readonly requests: number;
  /** Requests whose riders meant to ride (no cancellation, no no-show): the served-% base. */
  readonly wanted: number;
  readonly served: number;
  readonly rejected: number;
  readonly dropped: number;
  readonly cancelled: number;
  readonly noShows: number;
  readonly passengersServed: number;
  /** served ÷ wanted × 100 */
  readonly servedPct: number;
  /** Request time → pickup, minutes, over served requests. */
  readonly waitP50Min: number;
  readonly waitP90Min: number;
  /** Mean over served requests of (drop-off − leaving the pickup) ÷ direct drive time. */
  readonly rideRatio: number;
  readonly vanKm: number;
  /** Van-km ÷ passengers served. */
  readonly kmPerRider: number;
  /** (driving + time at stops) ÷ (vans × shift length) × 100 */
  readonly utilisationPct: number;
}

/** Nearest-rank percentile (q in [0, 1]) of unsorted values; NaN when empty. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

export function computeMetrics(outcome: PolicyOutcome): PolicyMetrics {
  const recs = outcome.records;
  const served = recs.filter((r) => r.fate === 'served');
  const count = (fate: string): number => recs.filter((r) => r.fate === fate).length;
  const wanted = recs.filter((r) => intendsToRide(r.request)).length;
  const waits = served.map((r) => (r.pickupAt! - r.request.at) / 60);
  const ratios = served.filter((r) => r.directS > 0).map((r) => (r.dropoffAt! - r.pickupDoneAt!) / r.directS);
  const passengers = served.reduce((s, r) => s + r.request.passengers, 0);
  const meters = outcome.vans.reduce((s, v) => s + v.meters, 0);
  const busy = outcome.vans.reduce((s, v) => s + v.driveS + v.serveS, 0);
  const shift = outcome.vans.length * outcome.shiftS;
  return {
    policy: outcome.policy,
    requests: recs.length,
    wanted,
    served: served.length,
    rejected: count('rejected'),
    dropped: count('dropped'),
    cancelled: count('cancelled'),
    noShows: count('no-show'),
    passengersServed: passengers,
    servedPct: wanted > 0 ? (100 * served.length) / wanted : NaN,
    waitP50Min: percentile(waits, 0.5),
    waitP90Min: percentile(waits, 0.9),
    rideRatio: ratios.length ? ratios.reduce((s, x) => s + x, 0) / ratios.length : NaN,
    vanKm: meters / 1000,
    kmPerRider: passengers > 0 ? meters / 1000 / passengers : NaN,
    utilisationPct: shift > 0 ? (100 * busy) / shift : NaN,
  };
}
