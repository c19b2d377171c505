import {
  computeRouteSchedule,
  insertRequest,
  LiveState,
  OnBoardRider,
  removeRequest,
  reoptimize,
  StopRef,
  TransportRequest,
  Vehicle,
} from '@app/dispatch';
import { abandonLeg, PolicyOutcome, RequestRecord, SimDay, newRecords, newVans, travelMeters, travelTime } from './day';

export interface PooledOptions {
  /** Minutes between re-optimisations of the whole plan (0: never). */
  readonly reoptimizeEveryMin: number;
  /** ALNS iterations per re-optimisation (an iteration cap, not a time budget: reproducible). */
  readonly reoptimizeIterations: number;
  readonly seed: number;
}

type SimEvent =
  | { at: number; kind: 'reoptimize' }
  | { at: number; kind: 'cancel'; rec: RequestRecord }
  | { at: number; kind: 'request'; rec: RequestRecord };
const ORDER = { reoptimize: 0, cancel: 1, request: 2 } as const;

/**
 * Our policy, as the dispatcher runs it: each call is inserted with the engine's insertRequest
 * into the live plans (pickup window [call, call + max wait], max ride α·direct + β), or
 * rejected; every few minutes the plan is re-optimised (kept only if every request stays served
 * and it gets cheaper). Vans execute their plans as the clock advances: a stop is done once the
 * van has left it; riders board, the stop being driven to becomes the committed next stop.
 */
export function simulatePooled(day: SimDay, options: PooledOptions): PolicyOutcome {
  const records = newRecords(day);
  const byId = new Map(records.map((r) => [r.request.id, r]));
  const vanLogs = newVans(day);
  const logOf = new Map(vanLogs.map((v) => [v.id, v]));
  const reasons: Record<string, number> = {};
  const t = (a: number, b: number): number => travelTime(day.travel, a, b);
  const dist = (a: number, b: number): number => travelMeters(day.travel, a, b);
  const requestOf = new Map<string, TransportRequest>();

  let state: LiveState = {
    travel: day.travel,
    requests: [],
    routes: {},
    vehicles: vanLogs.map((v): Vehicle => ({
      id: v.id,
      capacity: [day.seats],
      start: { location: day.depot, earliest: day.serviceStart },
      end: { location: day.depot, latest: day.serviceEnd + 3600 },
    })),
  };

  /** Riders not at their pickup when the van gets there. */
  const absent = (rec: RequestRecord): boolean => rec.request.noShow || rec.request.cancelAt !== null;

  /** Executes every stop the vans have left by `now`. */
  const advance = (now: number): void => {
    const gone = new Set<string>();
    const vehicles: Vehicle[] = [];
    const routes: Record<string, readonly StopRef[]> = {};
    for (const original of state.vehicles) {
      let v = original;
      let stops = state.routes[v.id] ?? [];
      // Re-scheduled after a no-show: the van goes on without that rider's drop-off.
      for (let again = true; again;) {
        again = false;
        if (stops.length === 0) {
          if (!v.committedNextStop) v = { ...v, start: { ...v.start, earliest: Math.max(v.start.earliest, now) } };
          break;
        }
        const sched = computeRouteSchedule(
          { requests: state.requests.filter((r) => !gone.has(r.id)), vehicles: [v], travel: state.travel },
          v.id,
          stops,
        );
        if (!sched.feasible) throw new Error(`${v.id}: plan became infeasible (${sched.code})`);
        const log = logOf.get(v.id)!;
        let onBoard: OnBoardRider[] = [...(v.onBoard ?? [])];
        let loc = v.start.location;
        let free = v.start.earliest;
        const skipDrop = new Set<string>();
        let k = 0;
        for (; k < sched.route.stops.length && !again; k++) {
          const stop = sched.route.stops[k];
          if (stop.departure > now) break;
          log.meters += dist(loc, stop.location);
          log.driveS += t(loc, stop.location);
          log.serveS += stop.departure - stop.serviceStart;
          const rec = byId.get(stop.requestId)!;
          if (stop.kind === 'pickup') {
            gone.add(stop.requestId);
            if (absent(rec)) {
              rec.fate = rec.request.noShow ? 'no-show' : 'cancelled';
              skipDrop.add(stop.requestId);
              again = true;
            } else {
              onBoard.push({ request: requestOf.get(stop.requestId)!, pickupEndedAt: stop.departure });
              rec.pickupAt = stop.serviceStart;
              rec.pickupDoneAt = stop.departure;
            }
          } else {
            onBoard = onBoard.filter((o) => o.request.id !== stop.requestId);
            rec.dropoffAt = stop.serviceStart;
            rec.fate = 'served';
          }
          loc = stop.location;
          free = stop.departure;
        }
        const rest = stops.slice(k).filter((s) => !(s.kind === 'dropoff' && skipDrop.has(s.requestId)));
        // Once the van has left for its next stop, that stop cannot change any more.
        const leaving = k > 0 ? free <= now : v.committedNextStop !== undefined || sched.route.startTime < now;
        const committed = rest.length > 0 && leaving ? rest[0] : undefined;
        v = {
          ...v,
          start: { location: loc, earliest: committed ? free : Math.max(free, now) },
          onBoard,
          committedNextStop: committed,
        };
        stops = rest;
      }
      vehicles.push(v);
      routes[v.id] = stops;
    }
    state = { ...state, vehicles, routes, requests: state.requests.filter((r) => !gone.has(r.id)) };
  };

  const onRequest = (rec: RequestRecord, now: number): void => {
    const r = rec.request;
    const request: TransportRequest = {
      id: r.id,
      pickup: { location: r.from, window: { earliest: now, latest: r.at + day.maxWaitS }, serviceTime: day.dwellS },
      dropoff: { location: r.to, window: { earliest: -Infinity, latest: Infinity }, serviceTime: day.dwellS },
      load: [r.passengers],
      maxRideTime: Math.round(day.rideTimeAlpha * rec.directS + day.rideTimeBetaS),
    };
    const out = insertRequest(state, request, { riderDelayWeight: 1 });
    if (out.accepted) {
      requestOf.set(r.id, request);
      state = out.state;
    } else {
      rec.fate = 'rejected';
      reasons[out.code] = (reasons[out.code] ?? 0) + 1;
    }
  };

  const onCancel = (rec: RequestRecord, now: number): void => {
    if (!state.requests.some((q) => q.id === rec.request.id)) return; // rejected, or already at the pickup
    const k = state.vehicles.findIndex((v) => v.committedNextStop?.requestId === rec.request.id);
    state = removeRequest(state, rec.request.id).state;
    rec.fate = 'cancelled';
    if (k < 0) return;
    // The van was on its way to this pickup: it stops at the nearer end of that leg.
    const v = state.vehicles[k];
    const log = logOf.get(v.id)!;
    const target = rec.request.from;
    const leg = t(v.start.location, target);
    const { location, earliest, meters, driveS } = abandonLeg(
      v.start.location,
      target,
      v.start.earliest,
      now,
      leg,
      dist(v.start.location, target),
    );
    log.meters += meters;
    log.driveS += driveS;
    const vehicles = [...state.vehicles];
    const rest = state.routes[v.id] ?? [];
    vehicles[k] = {
      ...v,
      start: { location, earliest },
      // Still driving somewhere else if there is more to do.
      committedNextStop: rest.length > 0 ? rest[0] : undefined,
    };
    state = { ...state, vehicles };
  };

  const events: SimEvent[] = [];
  for (const rec of records) {
    events.push({ at: rec.request.at, kind: 'request', rec });
    if (rec.request.cancelAt !== null) events.push({ at: rec.request.cancelAt, kind: 'cancel', rec });
  }
  if (options.reoptimizeEveryMin > 0)
    for (
      let at = day.serviceStart + options.reoptimizeEveryMin * 60;
      at < day.serviceEnd + 3600;
      at += options.reoptimizeEveryMin * 60
    )
      events.push({ at, kind: 'reoptimize' });
  events.sort((a, b) => a.at - b.at || ORDER[a.kind] - ORDER[b.kind]);

  let tick = 0;
  for (const e of events) {
    advance(e.at);
    switch (e.kind) {
      case 'request':
        onRequest(e.rec, e.at);
        break;
      case 'cancel':
        onCancel(e.rec, e.at);
        break;
      case 'reoptimize': {
        if (state.requests.length === 0) break;
        const out = reoptimize(state, {
          timeBudgetMs: Infinity,
          maxIterations: options.reoptimizeIterations,
          seed: options.seed * 1000 + tick++,
          riderDelayWeight: 1,
        });
        if (out.solution.unassigned.length === 0 && out.solution.cost < out.costBefore - 1) {
          state = out.state;
          reasons['reoptimize-improved'] = (reasons['reoptimize-improved'] ?? 0) + 1;
        }
        break;
      }
    }
  }
  advance(Infinity);
  for (const rec of records)
    if (rec.fate === 'pending') throw new Error(`${rec.request.id} left pending at the end of the day`);
  return { policy: 'pooled', records, vans: vanLogs, shiftS: day.serviceEnd - day.serviceStart, reasons };
}
