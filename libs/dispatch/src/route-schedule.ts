import { CompiledProblem } from './compiled-problem';

/** Failure kinds of the exact route check, mapped to rejection codes by the callers. */
export const enum RouteFailure {
  None = 0,
  Window = 1,
  RideTime = 2,
  Duration = 3,
  Capacity = 4,
}

/** Tolerance for floating-point sums: times are compared with this slack everywhere. */
export const TIME_EPS = 1e-7;

/** Reusable buffers so the hot path allocates nothing. */
export interface ScheduleScratch {
  failPosition: number;
  spanFrom: Int32Array;
  spanTo: Int32Array;
  spanWidth: Float64Array;
  spanKind: Int8Array;
  stamp: Int32Array;
  position: Int32Array;
  stampValue: number;
  load: Float64Array;
}

export function createScheduleScratch(p: CompiledProblem, maxLength: number): ScheduleScratch {
  return {
    failPosition: -1,
    spanFrom: new Int32Array(maxLength + 1),
    spanTo: new Int32Array(maxLength + 1),
    spanWidth: new Float64Array(maxLength + 1),
    spanKind: new Int8Array(maxLength + 1),
    stamp: new Int32Array(p.nodeCount),
    position: new Int32Array(p.nodeCount),
    stampValue: 0,
    load: new Float64Array(p.dims),
  };
}

/**
 * Exact feasibility of one node sequence (start … end of vehicle v) with the earliest
 * schedule written into `B`.
 *
 * Why the earliest schedule is enough: every constraint is either "B_j ≥ B_i + c" (travel,
 * window openings, and ride-time / duration limits rewritten as B_pickup ≥ B_drop − L) or an
 * upper bound B_i ≤ l_i. The lower-bound constraints have a least solution, found by a
 * Bellman–Ford style fixpoint (forward sweeps plus relaxing the backward "span" edges), and
 * the sequence is feasible exactly when that least solution meets every upper bound. The
 * least solution also minimises every arrival time at once, which is what riders want.
 * A positive cycle (a ride-time limit shorter than the driving it spans) shows up as the
 * fixpoint not settling within spans + 1 passes.
 */
export function scheduleRoute(
  p: CompiledProblem,
  v: number,
  nodes: ArrayLike<number>,
  m: number,
  B: Float64Array,
  scratch: ScheduleScratch,
): RouteFailure {
  const { early, late, service, time, loc, matrixSize: M, dims, delta } = p;
  // Capacity, in the same pass as the precedence bookkeeping.
  const load = scratch.load;
  for (let k = 0; k < dims; k++) load[k] = p.initialLoad[v * dims + k];
  const stampValue = ++scratch.stampValue;
  const { stamp, position, spanFrom, spanTo, spanWidth, spanKind } = scratch;
  let spans = 0;
  for (let k = 1; k < m - 1; k++) {
    const n = nodes[k];
    for (let d = 0; d < dims; d++) {
      const x = (load[d] += delta[n * dims + d]);
      if (x > p.capacity[v * dims + d] + TIME_EPS) {
        scratch.failPosition = k;
        return RouteFailure.Capacity;
      }
    }
    const r = p.requestOfNode[n];
    if (n === p.pickupNode[r]) {
      stamp[n] = stampValue;
      position[n] = k;
    } else if (p.maxRide[r] !== Infinity) {
      const pn = p.pickupNode[r];
      if (pn >= 0 && stamp[pn] === stampValue) {
        spanFrom[spans] = position[pn];
        spanTo[spans] = k;
        spanWidth[spans] = p.maxRide[r] + service[pn];
        spanKind[spans] = RouteFailure.RideTime;
        spans++;
      }
    }
  }
  if (p.maxDuration[v] !== Infinity) {
    spanFrom[spans] = 0;
    spanTo[spans] = m - 1;
    spanWidth[spans] = p.maxDuration[v];
    spanKind[spans] = RouteFailure.Duration;
    spans++;
  }
  let prev = nodes[0];
  B[0] = early[prev];
  if (B[0] > late[prev] + TIME_EPS) {
    scratch.failPosition = 0;
    return RouteFailure.Window;
  }
  for (let k = 1; k < m; k++) {
    const n = nodes[k];
    const arrive = B[k - 1] + service[prev] + time[loc[prev] * M + loc[n]];
    const b = arrive > early[n] ? arrive : early[n];
    if (b > late[n] + TIME_EPS) {
      scratch.failPosition = k;
      return RouteFailure.Window;
    }
    B[k] = b;
    prev = n;
  }
  if (spans === 0) return RouteFailure.None;
  let lastFrom = 0;
  for (let pass = 0; pass <= spans + 1; pass++) {
    let from = m;
    let kind: RouteFailure = RouteFailure.None;
    for (let s = 0; s < spans; s++) {
      const i = spanFrom[s];
      const need = B[spanTo[s]] - spanWidth[s];
      if (need > B[i] + TIME_EPS) {
        B[i] = need;
        kind = spanKind[s];
        lastFrom = i;
        if (need > late[nodes[i]] + TIME_EPS) {
          scratch.failPosition = i;
          return kind;
        }
        if (i < from) from = i;
      }
    }
    if (from === m) return RouteFailure.None;
    for (let k = from + 1; k < m; k++) {
      const a = nodes[k - 1];
      const n = nodes[k];
      const arrive = B[k - 1] + service[a] + time[loc[a] * M + loc[n]];
      if (arrive > B[k]) {
        if (arrive > late[n] + TIME_EPS) {
          scratch.failPosition = k;
          return kind;
        }
        B[k] = arrive;
      }
    }
  }
  // Did not settle: a limit is shorter than the driving it spans (positive cycle).
  scratch.failPosition = lastFrom;
  return RouteFailure.RideTime;
}
