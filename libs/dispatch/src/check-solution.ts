import { RoutePlan, RoutingProblem, RoutingSolution, StopRef, TransportRequest, Vehicle } from './model';

/*
 * Independent checker. Deliberately shares no code with the engine (no compiled problem, no
 * route data): it reads the public model and the solution's own schedule, so an engine bug
 * cannot hide itself by being checked with the same code.
 */

export interface CheckOptions {
  /** Count unassigned requests as violations (benchmarks). Default true. */
  readonly requireAllServed?: boolean;
  /** Slack for floating-point time and load comparisons. Default 1e-6. */
  readonly tolerance?: number;
}

export interface CheckResult {
  readonly feasible: boolean;
  readonly violations: readonly string[];
  /** Distance recomputed from the matrix along every route (start → stops → end). */
  readonly distance: number;
  readonly vehiclesUsed: number;
}

interface RequestInfo {
  readonly request: TransportRequest;
  readonly onBoardOf?: { vehicleId: string; pickupEndedAt: number };
}

function at(m: Float64Array, size: number, a: number, b: number): number {
  return m[a * size + b];
}

export function checkSolution(
  problem: RoutingProblem,
  solution: RoutingSolution,
  options: CheckOptions = {},
): CheckResult {
  const tol = options.tolerance ?? 1e-6;
  const requireAll = options.requireAllServed ?? true;
  const violations: string[] = [];
  const { travel } = problem;
  const size = travel.size;
  const info = new Map<string, RequestInfo>();
  for (const r of problem.requests) info.set(r.id, { request: r });
  for (const v of problem.vehicles)
    for (const o of v.onBoard ?? [])
      info.set(o.request.id, { request: o.request, onBoardOf: { vehicleId: v.id, pickupEndedAt: o.pickupEndedAt } });
  const vehicles = new Map<string, Vehicle>(problem.vehicles.map((v) => [v.id, v]));
  const seenVehicle = new Set<string>();
  const pickups = new Map<string, { vehicleId: string; serviceStart: number; index: number }>();
  const drops = new Map<string, { vehicleId: string; serviceStart: number; index: number }>();
  let distance = 0;
  let used = 0;
  for (const route of solution.routes) {
    const vehicle = vehicles.get(route.vehicleId);
    if (!vehicle) {
      violations.push(`route for unknown vehicle ${route.vehicleId}`);
      continue;
    }
    if (seenVehicle.has(vehicle.id)) violations.push(`vehicle ${vehicle.id} has two routes`);
    seenVehicle.add(vehicle.id);
    if (route.stops.length > 0) used++;
    distance += checkRoute(problem, vehicle, route, info, pickups, drops, violations, tol, size);
  }
  const unassigned = new Set(solution.unassigned);
  for (const [id, ri] of info) {
    const p = pickups.get(id);
    const d = drops.get(id);
    if (ri.onBoardOf) {
      if (p) violations.push(`${id}: on board, but picked up again`);
      if (!d) violations.push(`${id}: rider on board is never dropped off`);
      else if (d.vehicleId !== ri.onBoardOf.vehicleId)
        violations.push(`${id}: on board of ${ri.onBoardOf.vehicleId} but dropped off by ${d.vehicleId}`);
      continue;
    }
    if (!p && !d) {
      if (!unassigned.has(id)) violations.push(`${id}: neither served nor listed as unassigned`);
      else if (requireAll) violations.push(`${id}: not served`);
      continue;
    }
    if (!p || !d) {
      violations.push(`${id}: only one of pickup and drop-off is planned`);
      continue;
    }
    if (unassigned.has(id)) violations.push(`${id}: served but listed as unassigned`);
    if (p.vehicleId !== d.vehicleId)
      violations.push(`${id}: picked up by ${p.vehicleId}, dropped off by ${d.vehicleId}`);
    else if (p.index > d.index) violations.push(`${id}: drop-off before pickup`);
    const L = ri.request.maxRideTime;
    if (L !== undefined && d.serviceStart - (p.serviceStart + ri.request.pickup.serviceTime) > L + tol)
      violations.push(`${id}: ride time ${d.serviceStart - p.serviceStart - ri.request.pickup.serviceTime} > ${L}`);
  }
  if (used > problem.vehicles.length) violations.push('more routes than vehicles');
  return { feasible: violations.length === 0, violations, distance, vehiclesUsed: used };
}

function checkRoute(
  problem: RoutingProblem,
  vehicle: Vehicle,
  route: RoutePlan,
  info: Map<string, RequestInfo>,
  pickups: Map<string, { vehicleId: string; serviceStart: number; index: number }>,
  drops: Map<string, { vehicleId: string; serviceStart: number; index: number }>,
  violations: string[],
  tol: number,
  size: number,
): number {
  const { time, distance } = problem.travel;
  const tag = `vehicle ${vehicle.id}`;
  const dims = vehicle.capacity.length;
  const load = new Array<number>(dims).fill(0);
  for (const o of vehicle.onBoard ?? []) for (let d = 0; d < dims; d++) load[d] += o.request.load[d] ?? 0;
  if (route.startTime < vehicle.start.earliest - tol)
    violations.push(`${tag}: leaves at ${route.startTime} before ${vehicle.start.earliest}`);
  if (vehicle.start.latest !== undefined && route.startTime > vehicle.start.latest + tol)
    violations.push(`${tag}: leaves after ${vehicle.start.latest}`);
  if (vehicle.committedNextStop) {
    const first = route.stops[0];
    const c = vehicle.committedNextStop;
    if (!first || first.requestId !== c.requestId || first.kind !== c.kind)
      violations.push(`${tag}: committed next stop ${c.kind} ${c.requestId} is not first`);
  }
  let prevLoc = vehicle.start.location;
  let prevEnd = route.startTime; // service at the start location takes no time
  let dist = 0;
  route.stops.forEach((stop, index) => {
    const ri = info.get(stop.requestId);
    if (!ri) {
      violations.push(`${tag}: stop of unknown request ${stop.requestId}`);
      return;
    }
    const spec = stop.kind === 'pickup' ? ri.request.pickup : ri.request.dropoff;
    const where = `${tag} stop ${index} (${stop.kind} ${stop.requestId})`;
    if (stop.location !== spec.location) violations.push(`${where}: location ${stop.location} ≠ ${spec.location}`);
    const seen = stop.kind === 'pickup' ? pickups : drops;
    if (seen.has(stop.requestId)) violations.push(`${where}: visited twice`);
    seen.set(stop.requestId, { vehicleId: vehicle.id, serviceStart: stop.serviceStart, index });
    const need = ri.request.requiredFeatures ?? [];
    if (stop.kind === 'pickup' && !need.every((f) => (vehicle.features ?? []).includes(f)))
      violations.push(`${where}: vehicle lacks a required feature`);
    const arrive = prevEnd + at(time, size, prevLoc, spec.location);
    dist += at(distance, size, prevLoc, spec.location);
    if (stop.serviceStart < arrive - tol)
      violations.push(`${where}: service at ${stop.serviceStart} before arrival ${arrive}`);
    if (stop.serviceStart < spec.window.earliest - tol)
      violations.push(`${where}: service at ${stop.serviceStart} before window ${spec.window.earliest}`);
    if (stop.serviceStart > spec.window.latest + tol)
      violations.push(`${where}: service at ${stop.serviceStart} after window ${spec.window.latest}`);
    if (ri.onBoardOf && stop.kind === 'dropoff') {
      const L = ri.request.maxRideTime;
      if (L !== undefined && stop.serviceStart - ri.onBoardOf.pickupEndedAt > L + tol)
        violations.push(`${where}: ride time of on-board rider exceeded`);
    }
    const sign = stop.kind === 'pickup' ? 1 : -1;
    for (let d = 0; d < dims; d++) {
      load[d] += sign * (ri.request.load[d] ?? 0);
      if (load[d] > vehicle.capacity[d] + tol)
        violations.push(`${where}: load ${load[d]} > capacity ${vehicle.capacity[d]} (dimension ${d})`);
      if (load[d] < -tol) violations.push(`${where}: negative load`);
    }
    prevLoc = spec.location;
    prevEnd = stop.serviceStart + spec.serviceTime;
  });
  const arriveEnd = prevEnd + at(time, size, prevLoc, vehicle.end.location);
  dist += at(distance, size, prevLoc, vehicle.end.location);
  if (route.endTime < arriveEnd - tol) violations.push(`${tag}: end time ${route.endTime} before arrival ${arriveEnd}`);
  if (route.endTime > vehicle.end.latest + tol)
    violations.push(`${tag}: ends at ${route.endTime} after ${vehicle.end.latest}`);
  if (vehicle.end.earliest !== undefined && route.endTime < vehicle.end.earliest - tol)
    violations.push(`${tag}: ends before ${vehicle.end.earliest}`);
  if (vehicle.maxRouteDuration !== undefined && route.endTime - route.startTime > vehicle.maxRouteDuration + tol)
    violations.push(`${tag}: duration ${route.endTime - route.startTime} > ${vehicle.maxRouteDuration}`);
  return dist;
}

/**
 * Exact schedulability of a stop sequence by Bellman–Ford over its difference constraints
 * (B_v − B_u ≤ w): feasible if and only if the constraint graph has no negative cycle.
 * Slow (O(n·e)) and simple on purpose: it is the reference the fast checks are tested against.
 * Checks times only (windows, travel, ride time, duration); load is a separate matter.
 */
export function isSequenceSchedulable(problem: RoutingProblem, vehicle: Vehicle, stops: readonly StopRef[]): boolean {
  const req = new Map<string, TransportRequest>();
  for (const r of problem.requests) req.set(r.id, r);
  const onBoard = new Map<string, number>();
  for (const o of vehicle.onBoard ?? []) {
    req.set(o.request.id, o.request);
    onBoard.set(o.request.id, o.pickupEndedAt);
  }
  const size = problem.travel.size;
  // graph nodes: 0 = time origin, 1 = start, 2..m+1 = stops, m+2 = end
  const m = stops.length;
  const n = m + 3;
  const edges: [number, number, number][] = [];
  const le = (u: number, v: number, w: number): void => void edges.push([u, v, w]); // B_v − B_u ≤ w
  const locs: number[] = [vehicle.start.location];
  const serv: number[] = [0];
  le(1, 0, -vehicle.start.earliest);
  if (vehicle.start.latest !== undefined) le(0, 1, vehicle.start.latest);
  const pickupAt = new Map<string, number>();
  stops.forEach((s, k) => {
    const r = req.get(s.requestId)!;
    const spec = s.kind === 'pickup' ? r.pickup : r.dropoff;
    const g = k + 2;
    locs.push(spec.location);
    serv.push(spec.serviceTime);
    le(g, 0, -spec.window.earliest);
    le(0, g, spec.window.latest);
    if (s.kind === 'pickup') pickupAt.set(s.requestId, g);
    else if (r.maxRideTime !== undefined) {
      const pg = pickupAt.get(s.requestId);
      if (pg !== undefined) le(pg, g, r.maxRideTime + r.pickup.serviceTime);
      else if (onBoard.has(s.requestId)) le(0, g, onBoard.get(s.requestId)! + r.maxRideTime);
    }
  });
  locs.push(vehicle.end.location);
  serv.push(0);
  le(0, m + 2, vehicle.end.latest);
  if (vehicle.end.earliest !== undefined) le(m + 2, 0, -vehicle.end.earliest);
  if (vehicle.maxRouteDuration !== undefined) le(1, m + 2, vehicle.maxRouteDuration);
  for (let g = 1; g < m + 2; g++) le(g + 1, g, -(serv[g - 1] + problem.travel.time[locs[g - 1] * size + locs[g]]));
  const dist = new Array<number>(n).fill(0);
  for (let pass = 0; pass < n; pass++) {
    let changed = false;
    for (const [u, v, w] of edges) {
      if (dist[u] + w < dist[v] - 1e-9) {
        dist[v] = dist[u] + w;
        changed = true;
      }
    }
    if (!changed) return true;
  }
  return false;
}
