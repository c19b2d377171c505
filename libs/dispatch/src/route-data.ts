import { CompiledProblem } from './compiled-problem';
import {
  RouteFailure,
  ScheduleScratch,
  TIME_EPS as SHARED_TIME_EPS,
  createScheduleScratch,
  scheduleRoute,
} from './route-schedule';

// Module-local copy: imported bindings compile to property reads, too slow in the inner loops.
const TIME_EPS = SHARED_TIME_EPS;
const FEASIBLE = RouteFailure.None;

/**
 * A route with everything the insertion checks need precomputed, so one (pickup, drop-off)
 * position pair costs O(1) (Savelsbergh's forward/backward time bounds and load profile).
 * Immutable once built: a modified route is rebuilt, so search states can share routes.
 */
export interface RouteData {
  readonly vehicle: number;
  /** Start node, stops, end node. */
  readonly nodes: Int32Array;
  readonly length: number;
  /** Earliest service start ignoring ride-time and duration limits (window propagation only). */
  readonly earliest: Float64Array;
  /** Latest service start that keeps every later window (and the end deadline) reachable. */
  readonly latest: Float64Array;
  /** Load after each position, position * dims + d. */
  readonly loadAfter: Float64Array;
  /** cumDrive[k]: service plus travel time from position 0 up to arrival at position k. */
  readonly cumDrive: Float64Array;
  /** Exact earliest schedule (service starts) of the route. */
  readonly schedule: Float64Array;
  readonly feasible: boolean;
  readonly failure: RouteFailure;
  readonly distance: number;
  readonly driveTime: number;
  /** Sum of rider delays (drop-off time − ideal direct drop-off). */
  readonly riderDelay: number;
  /** Whether a candidate insertion needs the exact check (ride-time or duration limits present). */
  readonly hasSpans: boolean;
  /**
   * edgeSlack[k]: how much longer the driving between positions k and k+1 may get before some
   * ride-time limit spanning that edge, or the route duration, must break (a detour can only
   * add to the ride of everyone on board across it). A necessary condition, used to skip
   * exact checks.
   */
  readonly edgeSlack: Float64Array;
  /** Route duration limit minus the driving and service time of the route. */
  readonly durationSlack: number;
}

export interface EngineContext {
  readonly p: CompiledProblem;
  readonly scratch: ScheduleScratch;
  /** Candidate route buffer. */
  readonly candidate: Int32Array;
  readonly candidateSchedule: Float64Array;
  /** Insertion candidates collected before the exact check: cost, pickup pos, drop pos (grown on demand). */
  candCost: Float64Array;
  candI: Int32Array;
  candJ: Int32Array;
  readonly costKind: CostKind;
  readonly riderDelayWeight: number;
  readonly vehicleCost: number;
  readonly anyRideLimit: boolean;
}

export const enum CostKind {
  Distance = 0,
  Service = 1,
}

export function createEngineContext(p: CompiledProblem): EngineContext {
  const maxLen = p.nodeCount + 4;
  const obj = p.source.objective;
  const maxPairs = 1024;
  let anyRideLimit = false;
  for (let r = 0; r < p.requestCount; r++) if (p.maxRide[r] !== Infinity) anyRideLimit = true;
  return {
    p,
    scratch: createScheduleScratch(p, maxLen),
    candidate: new Int32Array(maxLen),
    candidateSchedule: new Float64Array(maxLen),
    candCost: new Float64Array(maxPairs),
    candI: new Int32Array(maxPairs),
    candJ: new Int32Array(maxPairs),
    costKind: obj.kind === 'service' ? CostKind.Service : CostKind.Distance,
    riderDelayWeight: obj.kind === 'service' ? obj.riderDelayWeight : 0,
    vehicleCost: obj.kind === 'vehicles-then-distance' ? vehicleCostFor(p) : 0,
    anyRideLimit,
  };
}

/** A fixed cost per used vehicle that outweighs any distance saving (lexicographic objective). */
export function vehicleCostFor(p: CompiledProblem): number {
  return Math.max(1e4, 4 * p.maxDistance * (p.requestCount + 1));
}

function riderDelayOf(p: CompiledProblem, nodes: ArrayLike<number>, m: number, B: Float64Array): number {
  let delay = 0;
  for (let k = 1; k < m - 1; k++) {
    const n = nodes[k];
    const r = p.requestOfNode[n];
    if (n === p.dropNode[r]) {
      const d = B[k] - p.idealDrop[r];
      if (d > 0) delay += d;
    }
  }
  return delay;
}

export function buildRoute(ctx: EngineContext, v: number, nodes: Int32Array): RouteData {
  const { p } = ctx;
  const m = nodes.length;
  const { early, late, service, time, distance, loc, matrixSize: M, dims, delta } = p;
  const earliest = new Float64Array(m);
  const latest = new Float64Array(m);
  const loadAfter = new Float64Array(m * dims);
  const cumDrive = new Float64Array(m);
  const schedule = new Float64Array(m);
  let dist = 0;
  let drive = 0;
  earliest[0] = early[nodes[0]];
  for (let d = 0; d < dims; d++) loadAfter[d] = p.initialLoad[v * dims + d];
  let hasSpans = p.maxDuration[v] !== Infinity;
  for (let k = 1; k < m; k++) {
    const a = nodes[k - 1];
    const n = nodes[k];
    const t = time[loc[a] * M + loc[n]];
    dist += distance[loc[a] * M + loc[n]];
    drive += t;
    cumDrive[k] = cumDrive[k - 1] + service[a] + t;
    const arrive = earliest[k - 1] + service[a] + t;
    earliest[k] = arrive > early[n] ? arrive : early[n];
    for (let d = 0; d < dims; d++) loadAfter[k * dims + d] = loadAfter[(k - 1) * dims + d] + delta[n * dims + d];
    if (!hasSpans && p.requestOfNode[n] >= 0 && p.maxRide[p.requestOfNode[n]] !== Infinity) hasSpans = true;
  }
  latest[m - 1] = late[nodes[m - 1]];
  for (let k = m - 2; k >= 0; k--) {
    const n = nodes[k];
    const back = latest[k + 1] - service[n] - time[loc[n] * M + loc[nodes[k + 1]]];
    latest[k] = back < late[n] ? back : late[n];
  }
  const durationSlack = p.maxDuration[v] - cumDrive[m - 1];
  const edgeSlack = new Float64Array(m).fill(durationSlack);
  if (hasSpans) {
    const scratch = ctx.scratch;
    const stampValue = ++scratch.stampValue;
    for (let k = 1; k < m - 1; k++) {
      const n = nodes[k];
      const r = p.requestOfNode[n];
      if (n === p.pickupNode[r]) {
        scratch.stamp[n] = stampValue;
        scratch.position[n] = k;
      } else if (p.maxRide[r] !== Infinity && p.pickupNode[r] >= 0 && scratch.stamp[p.pickupNode[r]] === stampValue) {
        const a = scratch.position[p.pickupNode[r]];
        const slack = p.maxRide[r] - (cumDrive[k] - cumDrive[a] - service[p.pickupNode[r]]);
        for (let e = a; e < k; e++) if (slack < edgeSlack[e]) edgeSlack[e] = slack;
      }
    }
  }
  const failure = scheduleRoute(p, v, nodes, m, schedule, ctx.scratch);
  const riderDelay = failure === FEASIBLE ? riderDelayOf(p, nodes, m, schedule) : 0;
  return {
    vehicle: v,
    nodes,
    length: m,
    earliest,
    latest,
    loadAfter,
    cumDrive,
    schedule,
    feasible: failure === FEASIBLE,
    failure,
    distance: dist,
    driveTime: drive,
    riderDelay,
    hasSpans,
    edgeSlack,
    durationSlack,
  };
}

/** Objective contribution of a route, without the per-vehicle cost. */
export function routeCost(ctx: EngineContext, route: RouteData): number {
  return ctx.costKind === CostKind.Service ? route.driveTime + ctx.riderDelayWeight * route.riderDelay : route.distance;
}

export function isRouteUsed(route: RouteData): boolean {
  return route.length > 2;
}

/** Writes route.nodes with the pickup inserted after position i and the drop-off after j (j ≥ i). */
export function writeInsertion(
  route: RouteData,
  pNode: number,
  dNode: number,
  i: number,
  j: number,
  out: Int32Array,
): number {
  const nodes = route.nodes;
  const m = route.length;
  let w = 0;
  for (let k = 0; k <= i; k++) out[w++] = nodes[k];
  out[w++] = pNode;
  for (let k = i + 1; k <= j; k++) out[w++] = nodes[k];
  out[w++] = dNode;
  for (let k = j + 1; k < m; k++) out[w++] = nodes[k];
  return w;
}

export interface InsertionResult {
  cost: number;
  i: number;
  j: number;
}

/**
 * Cheapest feasible insertion of request r into the route, or cost = Infinity.
 * `bound`: candidates whose cost lower bound is not below it are skipped (pruning).
 * Each position pair is screened in O(1) with the window/load bounds (exact when no
 * ride-time or duration limit applies); the survivors are checked exactly in cost order.
 */
export function bestInsertion(
  ctx: EngineContext,
  route: RouteData,
  r: number,
  bound: number,
  out: InsertionResult,
): void {
  out.cost = Infinity;
  out.i = -1;
  out.j = -1;
  const { p } = ctx;
  const v = route.vehicle;
  if (!p.compatible[r * p.vehicleCount + v]) return;
  if (p.lockedVehicle[r] >= 0 && p.lockedVehicle[r] !== v) return;
  if (!route.feasible) return;
  const { early, late, service, time, distance, loc, matrixSize: M, dims, delta } = p;
  const pn = p.pickupNode[r];
  const dn = p.dropNode[r];
  if (pn < 0) return; // on-board riders are never re-inserted
  const nodes = route.nodes;
  const m = route.length;
  const { earliest, latest, loadAfter, cumDrive, edgeSlack, durationSlack } = route;
  const lp = loc[pn];
  const ld = loc[dn];
  const ep = early[pn];
  const lpLate = late[pn];
  const ed = early[dn];
  const ldLate = late[dn];
  const sp = service[pn];
  const sd = service[dn];
  const maxRide = p.maxRide[r];
  const tpd = time[lp * M + ld];
  const dpd = distance[lp * M + ld];
  const serviceKind = ctx.costKind === CostKind.Service;
  const timeCost = serviceKind; // service objective prices driving time, the others distance
  const C = timeCost ? time : distance;
  const cpd = timeCost ? tpd : dpd;
  const w = ctx.riderDelayWeight;
  const newRiderIdeal = p.idealDrop[r];
  const extra = m === 2 ? ctx.vehicleCost : 0;
  const needExact = route.hasSpans || maxRide !== Infinity || serviceKind;
  const q = delta[pn * dims];
  const capBase = v * dims;
  // At most m(m-1)/2 position pairs: grow the candidate buffers to fit this route.
  const pairs = (m * (m - 1)) / 2 + 1;
  if (ctx.candCost.length < pairs) {
    const size = Math.max(pairs, 2 * ctx.candCost.length);
    ctx.candCost = new Float64Array(size);
    ctx.candI = new Int32Array(size);
    ctx.candJ = new Int32Array(size);
  }
  const { candCost, candI, candJ } = ctx;
  const maxCand = candCost.length;
  let nc = 0;
  if (sp + tpd > maxRide + TIME_EPS) return;
  const startI = p.fixedPrefix[v];
  for (let i = startI; i < m - 1; i++) {
    // Earliest times only grow along the route: once past the pickup deadline, stop.
    if (earliest[i] > lpLate + TIME_EPS) break;
    const a = nodes[i];
    const b = nodes[i + 1];
    const la = loc[a];
    const lb = loc[b];
    // Load after the pickup.
    let capOk = true;
    if (dims === 1) capOk = loadAfter[i] + q <= p.capacity[capBase] + TIME_EPS;
    else
      for (let d = 0; d < dims; d++)
        if (loadAfter[i * dims + d] + delta[pn * dims + d] > p.capacity[capBase + d] + TIME_EPS) capOk = false;
    if (!capOk) continue;
    const arrP = earliest[i] + service[a] + time[la * M + lp];
    const Bp = arrP > ep ? arrP : ep;
    if (Bp > lpLate + TIME_EPS) continue;
    const detourP = time[la * M + lp] + sp + time[lp * M + lb] - time[la * M + lb];
    if (detourP > edgeSlack[i] + TIME_EPS) continue;
    const cap = C[la * M + lp] - C[la * M + lb];
    // Drop-off right after the pickup.
    {
      const arrD = Bp + sp + tpd;
      const Bd = arrD > ed ? arrD : ed;
      const detour = time[la * M + lp] + sp + tpd + sd + time[ld * M + lb] - time[la * M + lb];
      if (
        Bd <= ldLate + TIME_EPS &&
        Bd + sd + time[ld * M + lb] <= latest[i + 1] + TIME_EPS &&
        detour <= edgeSlack[i] + TIME_EPS
      ) {
        let c = cap + cpd + C[ld * M + lb] + extra;
        if (serviceKind) c += w * Math.max(0, Bd - newRiderIdeal);
        if (c < bound && nc < maxCand) {
          candCost[nc] = c;
          candI[nc] = i;
          candJ[nc] = i;
          nc++;
        }
      }
    }
    // Drop-off later: push the earliest times forward through positions i+1..j.
    const capAfterP = cap + C[lp * M + lb];
    let arr = Bp + sp + time[lp * M + lb];
    let Bk = arr > early[b] ? arr : early[b];
    for (let j = i + 1; j < m - 1; j++) {
      const x = nodes[j];
      if (Bk > latest[j] + TIME_EPS) break;
      if (dims === 1) {
        if (loadAfter[j] + q > p.capacity[capBase] + TIME_EPS) break;
      } else {
        let over = false;
        for (let d = 0; d < dims; d++)
          if (loadAfter[j * dims + d] + delta[pn * dims + d] > p.capacity[capBase + d] + TIME_EPS) over = true;
        if (over) break;
      }
      const lx = loc[x];
      const y = nodes[j + 1];
      const ly = loc[y];
      // Ride time can only grow with j: the direct driving from pickup to drop-off is a lower bound.
      const rideLB = time[lp * M + lb] + (cumDrive[j] - cumDrive[i + 1]) + service[x] + time[lx * M + ld];
      if (rideLB > maxRide + TIME_EPS) break;
      const arrD = Bk + service[x] + time[lx * M + ld];
      const Bd = arrD > ed ? arrD : ed;
      const detourD = time[lx * M + ld] + sd + time[ld * M + ly] - time[lx * M + ly];
      if (
        Bd <= ldLate + TIME_EPS &&
        Bd + sd + time[ld * M + ly] <= latest[j + 1] + TIME_EPS &&
        detourD <= edgeSlack[j] + TIME_EPS &&
        detourP + detourD <= durationSlack + TIME_EPS
      ) {
        let c = capAfterP + C[lx * M + ld] + C[ld * M + ly] - C[lx * M + ly] + extra;
        if (serviceKind) c += w * Math.max(0, Bd - newRiderIdeal);
        if (c < bound && nc < maxCand) {
          candCost[nc] = c;
          candI[nc] = i;
          candJ[nc] = j;
          nc++;
        }
      }
      arr = Bk + service[x] + time[lx * M + ly];
      Bk = arr > early[y] ? arr : early[y];
    }
  }
  if (nc === 0) return;
  if (!needExact) {
    let best = 0;
    for (let k = 1; k < nc; k++) if (candCost[k] < candCost[best]) best = k;
    out.cost = candCost[best];
    out.i = candI[best];
    out.j = candJ[best];
    return;
  }
  // Exact check of the survivors, cheapest first; for the service objective the exact cost can
  // exceed the bound, so keep going while a cheaper bound remains.
  const base = serviceKind ? route.driveTime + w * route.riderDelay : 0;
  let bestCost = bound;
  // Many survivors (long live routes, weak bounds): sort once instead of scanning for the minimum.
  const sorted = nc > 24 ? sortedCandidates(ctx, nc) : null;
  for (let rank = 0; ; rank++) {
    let k = -1;
    let kc = bestCost;
    if (sorted) {
      if (rank >= nc) break;
      k = sorted[rank];
      kc = candCost[k];
      if (kc >= bestCost) break;
    } else {
      for (let h = 0; h < nc; h++)
        if (candCost[h] < kc) {
          kc = candCost[h];
          k = h;
        }
      if (k < 0) break;
      candCost[k] = Infinity;
    }
    const len = writeInsertion(route, pn, dn, candI[k], candJ[k], ctx.candidate);
    const fail = scheduleRoute(p, v, ctx.candidate, len, ctx.candidateSchedule, ctx.scratch);
    if (fail !== FEASIBLE) continue;
    let cost = kc;
    if (serviceKind) {
      let dt = 0;
      for (let h = 1; h < len; h++) dt += time[loc[ctx.candidate[h - 1]] * M + loc[ctx.candidate[h]]];
      cost = dt + w * riderDelayOf(p, ctx.candidate, len, ctx.candidateSchedule) - base + extra;
      if (cost >= bestCost) continue;
    }
    bestCost = cost;
    out.cost = cost;
    out.i = candI[k];
    out.j = candJ[k];
    if (!serviceKind) return;
  }
}

function sortedCandidates(ctx: EngineContext, nc: number): Int32Array {
  const order = new Int32Array(nc);
  for (let h = 0; h < nc; h++) order[h] = h;
  const cost = ctx.candCost;
  return order.sort((a, b) => cost[a] - cost[b] || a - b);
}

export function insertedNodes(route: RouteData, pNode: number, dNode: number, i: number, j: number): Int32Array {
  const out = new Int32Array(route.length + 2);
  writeInsertion(route, pNode, dNode, i, j, out);
  return out;
}
