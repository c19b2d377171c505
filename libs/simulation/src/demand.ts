import { createRng, Rng } from '@app/dispatch';
import { DayParams, DemandComponent, Flow, PlaceKind, secondsOfDay } from './params';

/** One ride request of the simulated day. Times: seconds after local midnight. */
export interface SimRequest {
  readonly id: string;
  /** When the rider calls; the pickup is wanted from then ("now" rides). */
  readonly at: number;
  /** Place indexes into params.places. */
  readonly from: number;
  readonly to: number;
  readonly passengers: number;
  /** The rider will not be at the pickup. */
  readonly noShow: boolean;
  /** When the rider cancels (null: never). */
  readonly cancelAt: number | null;
  /** Which demand component produced it (for reports). */
  readonly component: string;
}

/** Whether the rider means to ride (neither a cancellation nor a no-show): the served-% base. */
export const intendsToRide = (r: SimRequest): boolean => !r.noShow && r.cancelAt === null;

function pickWeighted<T>(rng: Rng, items: readonly T[], weight: (t: T) => number): T {
  const total = items.reduce((s, x) => s + Math.max(0, weight(x)), 0);
  if (!(total > 0)) throw new Error('nothing to pick: all weights are zero');
  let u = rng.next() * total;
  for (const x of items) {
    u -= Math.max(0, weight(x));
    if (u < 0) return x;
  }
  return items[items.length - 1];
}

function normal(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A time (seconds after midnight) drawn from a component's pattern, before clipping. */
function drawTime(rng: Rng, c: DemandComponent): number {
  if ('peak' in c) return secondsOfDay(c.peak.at) + normal(rng) * c.peak.sdMin * 60;
  if ('uniform' in c) {
    const a = secondsOfDay(c.uniform.from);
    return a + rng.next() * (secondsOfDay(c.uniform.to) - a);
  }
  if ('trains' in c) {
    const a = secondsOfDay(c.trains.from);
    const count = Math.floor((secondsOfDay(c.trains.to) - a) / (c.trains.everyMin * 60)) + 1;
    const train = a + rng.int(count) * c.trains.everyMin * 60;
    return train + -Math.log(1 - rng.next()) * c.trains.meanDelayMin * 60;
  }
  const hours = Object.entries(c.hourly).map(([h, w]) => ({ h: Number(h), w }));
  const { h } = pickWeighted(rng, hours, (x) => x.w);
  return h * 3600 + rng.next() * 3600;
}

function drawPlace(rng: Rng, params: DayParams, kinds: Flow['from'], exclude: number): number {
  const candidates = params.places
    .map((p, index) => ({ index, w: p.weight * (kinds[p.kind as PlaceKind] ?? 0) }))
    .filter((x) => x.index !== exclude && x.w > 0);
  return pickWeighted(rng, candidates, (x) => x.w).index;
}

export interface DemandOptions {
  readonly seed: number;
  readonly requests: number;
}

/**
 * The requests of one day, in time order, reproducible for a seed: each request picks a
 * component by share, a time from its pattern (inside service hours), an origin and destination
 * from its flow (place weights within each kind), a party size, and whether the rider will not
 * show up or will cancel.
 */
export function generateDemand(params: DayParams, options: DemandOptions): SimRequest[] {
  if (!Number.isInteger(options.requests) || options.requests < 0)
    throw new Error('requests must be a whole number ≥ 0');
  const rng = createRng(options.seed);
  const open = secondsOfDay(params.service.start);
  // The last calls come early enough that the promised pickup is still inside service hours.
  const close = secondsOfDay(params.service.end) - params.settings.maxWaitMin * 60;
  const stationIndex = new Map(params.places.map((p, k) => [p.code, k]));
  const sizes = Object.entries(params.partySize).map(([size, w]) => ({ size: Number(size), w }));
  const drafts: Omit<SimRequest, 'id'>[] = [];
  for (let k = 0; k < options.requests; k++) {
    const c = pickWeighted(rng, params.components, (x) => x.share);
    let at = drawTime(rng, c);
    for (let tries = 0; (at < open || at >= close) && tries < 20; tries++) at = drawTime(rng, c);
    at = Math.round(Math.min(close - 1, Math.max(open, at)));
    const flow = params.flows[c.flow];
    const from = 'trains' in c ? stationIndex.get(c.trains.station)! : drawPlace(rng, params, flow.from, -1);
    const to = drawPlace(rng, params, flow.to, from);
    const passengers = pickWeighted(rng, sizes, (x) => x.w).size;
    const u = rng.next();
    const noShow = u < params.noShowShare;
    const cancels = !noShow && u < params.noShowShare + params.cancelShare;
    const cancelAt = cancels ? at + Math.round(60 + rng.next() * Math.max(0, params.cancelWithinMin - 1) * 60) : null;
    drafts.push({ at, from, to, passengers, noShow, cancelAt, component: c.name });
  }
  drafts.sort((a, b) => a.at - b.at);
  return drafts.map((d, k) => ({ id: `r${String(k + 1).padStart(4, '0')}`, ...d }));
}
