import { compileProblem, CompiledProblem, endNodeOf, startNodeOf } from './compiled-problem';
import {
  RejectionCode,
  RoutePlan,
  RoutingProblem,
  RoutingSolution,
  StopRef,
  TransportRequest,
  TravelMatrix,
  Vehicle,
} from './model';
import { initialPlan, nodeOfStop, routePlanOf } from './plan-io';
import { planCost } from './plan-state';
import {
  createEngineContext,
  EngineContext,
  InsertionResult,
  RouteData,
  bestInsertion,
  buildRoute,
  insertedNodes,
  writeInsertion,
} from './route-data';
import { RouteFailure, scheduleRoute } from './route-schedule';
import { solve } from './solve';

/**
 * The live plan of a service area. Vehicles carry their present: `start` is where and when
 * they are free next, `onBoard` the riders in the van, `committedNextStop` the stop they are
 * driving to. `requests` are the accepted requests not yet picked up; `routes` the planned
 * stop sequence of each vehicle (after its current position).
 */
export interface LiveState {
  readonly vehicles: readonly Vehicle[];
  readonly requests: readonly TransportRequest[];
  readonly routes: Readonly<Record<string, readonly StopRef[]>>;
  readonly travel: TravelMatrix;
}

export interface LiveOptions {
  /** Weight of one time unit of rider delay against one time unit of driving. Default 1. */
  readonly riderDelayWeight?: number;
  /** Cost of leaving a request unserved when re-optimising. Default 1e7. */
  readonly unservedPenalty?: number;
  /** Seconds per time unit, for the wording of reasons. Default 1 (times in seconds). */
  readonly secondsPerTimeUnit?: number;
}

export type InsertionOutcome =
  | {
      readonly accepted: true;
      readonly vehicleId: string;
      /** Index of the new pickup and drop-off in the vehicle's new stop list. */
      readonly pickupIndex: number;
      readonly dropoffIndex: number;
      /** Added driving time + weight × added rider delay (new rider included). */
      readonly costDelta: number;
      readonly route: RoutePlan;
      readonly reason: string;
      readonly state: LiveState;
    }
  | { readonly accepted: false; readonly code: RejectionCode; readonly reason: string };

function serviceProblem(state: LiveState, options: LiveOptions, extra?: TransportRequest): RoutingProblem {
  return {
    requests: extra ? [...state.requests, extra] : state.requests,
    vehicles: state.vehicles,
    travel: state.travel,
    objective: {
      kind: 'service',
      riderDelayWeight: options.riderDelayWeight ?? 1,
      unservedPenalty: options.unservedPenalty ?? 1e7,
    },
  };
}

function stopsOf(p: CompiledProblem, route: RouteData): StopRef[] {
  const ids = [...p.requestIndex.keys()];
  const out: StopRef[] = [];
  for (let k = 1; k < route.length - 1; k++) {
    const n = route.nodes[k];
    const r = p.requestOfNode[n];
    out.push({ requestId: ids[r], kind: n === p.pickupNode[r] ? 'pickup' : 'dropoff' });
  }
  return out;
}

const REJECTION_TEXT: Record<RejectionCode, string> = {
  ACCESSIBILITY: 'no vehicle offers the features this request needs',
  NO_VEHICLE_CAPACITY: 'no vehicle has room for this load when it would pass by',
  PICKUP_WINDOW: 'no vehicle can reach the pickup within its window',
  DROPOFF_WINDOW: 'no vehicle can reach the drop-off within its window',
  RIDE_TIME: 'the ride would exceed the maximum ride time',
  SHIFT_END: 'no vehicle could finish before the end of its shift',
  OTHER_RIDERS_PROMISES: 'fitting this request in would break times promised to other riders',
  NO_VEHICLE: 'no vehicle is available',
};

/**
 * Why no vehicle can take request r (runs only on rejection): insertions of every compatible
 * vehicle are checked exactly and the failure of the one that got furthest is reported.
 */
function diagnose(ctx: EngineContext, routes: readonly RouteData[], r: number): RejectionCode {
  const { p } = ctx;
  const V = routes.length;
  if (V === 0) return 'NO_VEHICLE';
  const compatible = routes.filter((route) => p.compatible[r * V + route.vehicle]);
  if (compatible.length === 0) return 'ACCESSIBILITY';
  const fits = compatible.filter((route) => {
    for (let d = 0; d < p.dims; d++)
      if (p.delta[p.pickupNode[r] * p.dims + d] > p.capacity[route.vehicle * p.dims + d]) return false;
    return true;
  });
  if (fits.length === 0) return 'NO_VEHICLE_CAPACITY';
  const pn = p.pickupNode[r];
  const dn = p.dropNode[r];
  // Requests that no vehicle could serve even alone and on time.
  const direct = p.time[p.loc[pn] * p.matrixSize + p.loc[dn]];
  if (p.service[pn] + direct > p.maxRide[r]) return 'RIDE_TIME';
  if (p.early[pn] + p.service[pn] + direct > p.late[dn]) return 'DROPOFF_WINDOW';
  // Report the failure of the attempt that got furthest along its route before failing:
  // it is the one closest to working, hence the most telling reason.
  let best: RejectionCode = 'OTHER_RIDERS_PROMISES';
  let bestReach = -1;
  for (const route of fits) {
    if (!route.feasible) continue;
    // Pickup anywhere with the drop-off right after it or at the very end: O(m) attempts
    // per vehicle instead of O(m²) keeps rejections about as fast as acceptances.
    const last = route.length - 2;
    for (let i = p.fixedPrefix[route.vehicle]; i <= last; i++)
      for (let j = i; j <= last; j = j === i && i < last ? last : last + 1) {
        const len = writeInsertion(route, pn, dn, i, j, ctx.candidate);
        const fail = scheduleRoute(p, route.vehicle, ctx.candidate, len, ctx.candidateSchedule, ctx.scratch);
        if (fail === RouteFailure.None) continue;
        const reach = ctx.scratch.failPosition / (len - 1);
        if (reach <= bestReach) continue;
        bestReach = reach;
        const at = ctx.candidate[ctx.scratch.failPosition];
        if (fail === RouteFailure.Capacity) best = 'NO_VEHICLE_CAPACITY';
        else if (fail === RouteFailure.Duration) best = 'SHIFT_END';
        else if (fail === RouteFailure.RideTime) best = at === pn || at === dn ? 'RIDE_TIME' : 'OTHER_RIDERS_PROMISES';
        else if (at === pn) best = 'PICKUP_WINDOW';
        else if (at === dn) best = 'DROPOFF_WINDOW';
        else if (at === endNodeOf(p, route.vehicle) || at === startNodeOf(p, route.vehicle)) best = 'SHIFT_END';
        else best = 'OTHER_RIDERS_PROMISES';
      }
  }
  return best;
}

function minutes(x: number, secondsPerUnit: number): number {
  return Math.round((x * secondsPerUnit) / 60);
}

/**
 * Best feasible insertion of one new request into the current plans, without moving any
 * other stop between vehicles. Cost: added driving time + weight × added rider delay.
 */
export function insertRequest(
  state: LiveState,
  request: TransportRequest,
  options: LiveOptions = {},
): InsertionOutcome {
  const problem = serviceProblem(state, options, request);
  const p = compileProblem(problem);
  const ctx = createEngineContext(p);
  const plan = initialPlan(ctx, state.routes);
  const r = p.requestIndex.get(request.id)!;
  const res: InsertionResult = { cost: 0, i: 0, j: 0 };
  let best = Infinity;
  let bestV = -1;
  let bestI = -1;
  let bestJ = -1;
  for (let v = 0; v < plan.routes.length; v++) {
    bestInsertion(ctx, plan.routes[v], r, best, res);
    if (res.cost < best) {
      best = res.cost;
      bestV = v;
      bestI = res.i;
      bestJ = res.j;
    }
  }
  if (bestV < 0) {
    const code = diagnose(ctx, plan.routes, r);
    return { accepted: false, code, reason: REJECTION_TEXT[code] };
  }
  const before = plan.routes[bestV];
  const after = buildRoute(ctx, bestV, insertedNodes(before, p.pickupNode[r], p.dropNode[r], bestI, bestJ));
  // Who waits longer because of the newcomer: riders whose drop-off moves later.
  const secondsPerUnit = options.secondsPerTimeUnit ?? 1;
  const oldDrop = new Map<number, number>();
  for (let k = 1; k < before.length - 1; k++) {
    const n = before.nodes[k];
    if (n === p.dropNode[p.requestOfNode[n]]) oldDrop.set(n, before.schedule[k]);
  }
  let affected = 0;
  let worst = 0;
  for (let k = 1; k < after.length - 1; k++) {
    const n = after.nodes[k];
    const old = oldDrop.get(n);
    if (old === undefined) continue;
    const late = after.schedule[k] - old;
    if (late * secondsPerUnit >= 30) {
      affected++;
      worst = Math.max(worst, late);
    }
  }
  const vehicleId = state.vehicles[bestV].id;
  const pickupWait = minutes(after.schedule[bestI + 1] - p.early[p.pickupNode[r]], secondsPerUnit);
  const reason =
    `${vehicleId}: pickup ${pickupWait > 0 ? `${pickupWait} min after the earliest requested time` : 'on time'}, ` +
    (affected > 0
      ? `+${Math.max(1, minutes(worst, secondsPerUnit))} min for ${affected} rider${affected > 1 ? 's' : ''} already planned`
      : 'no delay for other riders');
  const stops = stopsOf(p, after);
  return {
    accepted: true,
    vehicleId,
    pickupIndex: bestI,
    dropoffIndex: bestJ + 1,
    costDelta: best,
    route: routePlanOf(p, after),
    reason,
    state: { ...state, requests: [...state.requests, request], routes: { ...state.routes, [vehicleId]: stops } },
  };
}

/** Cancels a request that is not on board: its stops leave the plan; a committed pickup is released. */
export function removeRequest(state: LiveState, requestId: string): { removed: boolean; state: LiveState } {
  if (!state.requests.some((r) => r.id === requestId)) return { removed: false, state };
  const routes: Record<string, readonly StopRef[]> = {};
  for (const [vid, stops] of Object.entries(state.routes)) routes[vid] = stops.filter((s) => s.requestId !== requestId);
  const vehicles = state.vehicles.map((v) =>
    v.committedNextStop?.requestId === requestId ? { ...v, committedNextStop: undefined } : v,
  );
  return {
    removed: true,
    state: { ...state, vehicles, requests: state.requests.filter((r) => r.id !== requestId), routes },
  };
}

export interface ReoptimizeOptions extends LiveOptions {
  readonly timeBudgetMs?: number;
  readonly maxIterations?: number;
  readonly seed?: number;
  readonly now?: () => number;
}

/**
 * Re-plans a service area with ALNS on the live objective. Committed next stops and riders on
 * board stay on their vehicles; every promise is a hard window, so the new plan never breaks
 * one. Requests in `state.requests` without a route are inserted when possible.
 */
export function reoptimize(
  state: LiveState,
  options: ReoptimizeOptions = {},
): { state: LiveState; solution: RoutingSolution; costBefore: number } {
  const problem = serviceProblem(state, options);
  const p = compileProblem(problem);
  const ctx = createEngineContext(p);
  const costBefore = planCost(ctx, initialPlan(ctx, state.routes));
  const solution = solve(problem, {
    timeBudgetMs: options.timeBudgetMs ?? 1000,
    maxIterations: options.maxIterations,
    seed: options.seed,
    now: options.now,
    initialRoutes: state.routes,
  });
  const routes: Record<string, StopRef[]> = {};
  for (const route of solution.routes)
    routes[route.vehicleId] = route.stops.map((s) => ({ requestId: s.requestId, kind: s.kind }));
  return { state: { ...state, routes }, solution, costBefore };
}

/**
 * Schedule (arrival, service start, departure, load after each stop) of a stop sequence on a
 * vehicle, with the earliest feasible times; `feasible: false` with a code when no schedule exists.
 */
export function computeRouteSchedule(
  problem: Pick<RoutingProblem, 'requests' | 'vehicles' | 'travel'>,
  vehicleId: string,
  stops: readonly StopRef[],
): { feasible: true; route: RoutePlan } | { feasible: false; code: RejectionCode } {
  const p = compileProblem({ ...problem, objective: { kind: 'distance' } });
  const v = problem.vehicles.findIndex((x) => x.id === vehicleId);
  if (v < 0) throw new Error(`unknown vehicle ${vehicleId}`);
  const ctx = createEngineContext(p);
  const nodes = Int32Array.from([startNodeOf(p, v), ...stops.map((s) => nodeOfStop(p, s)), endNodeOf(p, v)]);
  const route = buildRoute(ctx, v, nodes);
  if (route.feasible) return { feasible: true, route: routePlanOf(p, route) };
  const failure = route.failure;
  const at = nodes[ctx.scratch.failPosition];
  const code: RejectionCode =
    failure === RouteFailure.Capacity
      ? 'NO_VEHICLE_CAPACITY'
      : failure === RouteFailure.RideTime
        ? 'RIDE_TIME'
        : failure === RouteFailure.Duration || at === endNodeOf(p, v)
          ? 'SHIFT_END'
          : at === p.pickupNode[p.requestOfNode[at]]
            ? 'PICKUP_WINDOW'
            : 'DROPOFF_WINDOW';
  return { feasible: false, code };
}
