import { RoutingProblem, TransportRequest, Vehicle } from './model';

/**
 * The search works on integer node ids and typed arrays rather than on the public objects.
 * Node layout: request r has pickup node 2r and drop-off node 2r+1; vehicle v has start node
 * 2R+2v and end node 2R+2v+1 (R = number of requests). A rider already on board has no pickup
 * node in any route (pickupNode = -1) and is locked to its vehicle.
 */
export interface CompiledProblem {
  readonly source: RoutingProblem;
  readonly requestCount: number;
  readonly vehicleCount: number;
  readonly nodeCount: number;
  readonly dims: number;
  readonly matrixSize: number;
  readonly time: Float64Array;
  readonly distance: Float64Array;
  readonly loc: Int32Array;
  readonly early: Float64Array;
  readonly late: Float64Array;
  readonly service: Float64Array;
  /** Load change at the node, node * dims + d. */
  readonly delta: Float64Array;
  readonly requestOfNode: Int32Array;
  /** -1 for a rider already on board. */
  readonly pickupNode: Int32Array;
  readonly dropNode: Int32Array;
  /** Ride-time limit; Infinity when none. For on-board riders it is folded into the drop-off window. */
  readonly maxRide: Float64Array;
  /** Vehicle a request must stay on (on board, committed pickup), else -1. */
  readonly lockedVehicle: Int32Array;
  /** Whether the request is fixed in place (cannot be removed by the search). */
  readonly pinned: Uint8Array;
  /** requestCount × vehicleCount: 1 when the vehicle offers every feature the request needs. */
  readonly compatible: Uint8Array;
  readonly capacity: Float64Array;
  readonly initialLoad: Float64Array;
  readonly maxDuration: Float64Array;
  /** Number of leading stops (after the start) that are fixed: the committed next stop. */
  readonly fixedPrefix: Int32Array;
  /** Request id → request index (on-board riders come after problem.requests). */
  readonly requestIndex: ReadonlyMap<string, number>;
  /** Vehicles that are interchangeable when empty share a class (evaluate only one of them). */
  readonly vehicleClass: Int32Array;
  /** Largest distance in the matrix among used locations: scale for noise and relatedness. */
  readonly maxDistance: number;
  readonly horizon: number;
  /** Earliest possible drop-off of a direct ride: rider delay is measured against it. */
  readonly idealDrop: Float64Array;
}

export const startNodeOf = (p: CompiledProblem, v: number): number => 2 * p.requestCount + 2 * v;
export const endNodeOf = (p: CompiledProblem, v: number): number => 2 * p.requestCount + 2 * v + 1;

function hasFeatures(vehicle: Vehicle, request: TransportRequest): boolean {
  const need = request.requiredFeatures;
  if (!need || need.length === 0) return true;
  const offered = vehicle.features ?? [];
  return need.every((f) => offered.includes(f));
}

/**
 * Builds the typed-array view of a problem. Requests carried on board by a vehicle must be
 * listed in that vehicle's `onBoard`, not in `problem.requests`.
 */
export function compileProblem(problem: RoutingProblem): CompiledProblem {
  const { vehicles, travel } = problem;
  const onBoard: { request: TransportRequest; vehicle: number; pickupEndedAt: number }[] = [];
  vehicles.forEach((v, vi) =>
    (v.onBoard ?? []).forEach((o) => onBoard.push({ request: o.request, vehicle: vi, pickupEndedAt: o.pickupEndedAt })),
  );
  const all: TransportRequest[] = [...problem.requests, ...onBoard.map((o) => o.request)];
  const R = all.length;
  const V = vehicles.length;
  const N = 2 * R + 2 * V;
  const dims = Math.max(1, ...vehicles.map((v) => v.capacity.length), ...all.map((r) => r.load.length));
  const loc = new Int32Array(N);
  const early = new Float64Array(N);
  const late = new Float64Array(N);
  const service = new Float64Array(N);
  const delta = new Float64Array(N * dims);
  const requestOfNode = new Int32Array(N).fill(-1);
  const pickupNode = new Int32Array(R);
  const dropNode = new Int32Array(R);
  const maxRide = new Float64Array(R);
  const lockedVehicle = new Int32Array(R).fill(-1);
  const pinned = new Uint8Array(R);
  const compatible = new Uint8Array(R * V);
  const requestIndex = new Map<string, number>();
  all.forEach((req, r) => {
    if (requestIndex.has(req.id)) throw new Error(`duplicate request id ${req.id}`);
    requestIndex.set(req.id, r);
    const p = 2 * r;
    const d = 2 * r + 1;
    loc[p] = req.pickup.location;
    early[p] = req.pickup.window.earliest;
    late[p] = req.pickup.window.latest;
    service[p] = req.pickup.serviceTime;
    loc[d] = req.dropoff.location;
    early[d] = req.dropoff.window.earliest;
    late[d] = req.dropoff.window.latest;
    service[d] = req.dropoff.serviceTime;
    for (let k = 0; k < dims; k++) {
      const q = req.load[k] ?? 0;
      delta[p * dims + k] = q;
      delta[d * dims + k] = -q;
    }
    requestOfNode[p] = r;
    requestOfNode[d] = r;
    pickupNode[r] = p;
    dropNode[r] = d;
    maxRide[r] = req.maxRideTime ?? Infinity;
    for (let v = 0; v < V; v++) compatible[r * V + v] = hasFeatures(vehicles[v], req) ? 1 : 0;
  });
  const firstOnBoard = problem.requests.length;
  onBoard.forEach((o, k) => {
    const r = firstOnBoard + k;
    pickupNode[r] = -1;
    lockedVehicle[r] = o.vehicle;
    pinned[r] = 1;
    // The ride-time promise of a rider on board is just a deadline for the drop-off.
    late[dropNode[r]] = Math.min(late[dropNode[r]], o.pickupEndedAt + maxRide[r]);
    maxRide[r] = Infinity;
  });
  const capacity = new Float64Array(V * dims);
  const initialLoad = new Float64Array(V * dims);
  const maxDuration = new Float64Array(V);
  const fixedPrefix = new Int32Array(V);
  const vehicleClass = new Int32Array(V);
  const classKeys = new Map<string, number>();
  vehicles.forEach((veh, v) => {
    const s = 2 * R + 2 * v;
    const e = s + 1;
    loc[s] = veh.start.location;
    early[s] = veh.start.earliest;
    late[s] = veh.start.latest ?? Infinity;
    loc[e] = veh.end.location;
    early[e] = veh.end.earliest ?? -Infinity;
    late[e] = veh.end.latest;
    for (let k = 0; k < dims; k++) capacity[v * dims + k] = veh.capacity[k] ?? 0;
    maxDuration[v] = veh.maxRouteDuration ?? Infinity;
    for (const o of veh.onBoard ?? [])
      for (let k = 0; k < dims; k++) initialLoad[v * dims + k] += o.request.load[k] ?? 0;
    if (veh.committedNextStop) {
      fixedPrefix[v] = 1;
      const r = requestIndex.get(veh.committedNextStop.requestId);
      if (r === undefined)
        throw new Error(`committed stop of ${veh.id} refers to unknown request ${veh.committedNextStop.requestId}`);
      if (veh.committedNextStop.kind === 'pickup') {
        lockedVehicle[r] = v;
        pinned[r] = 1;
      } else if (lockedVehicle[r] !== v || pickupNode[r] !== -1) {
        throw new Error(`committed drop-off of ${veh.id} must belong to a rider on board`);
      }
    }
    const busy = (veh.onBoard?.length ?? 0) > 0 || veh.committedNextStop !== undefined;
    const key = busy
      ? `busy:${v}`
      : JSON.stringify([
          veh.capacity,
          [...(veh.features ?? [])].sort(),
          veh.start,
          veh.end,
          veh.maxRouteDuration ?? null,
        ]);
    if (!classKeys.has(key)) classKeys.set(key, classKeys.size);
    vehicleClass[v] = classKeys.get(key)!;
  });
  const M = travel.size;
  const used = [...new Set<number>(loc)];
  // Only a scale for noise and relatedness: on big live problems an estimate through one
  // pivot (at most twice the true maximum by the triangle inequality) is enough.
  const pivots = used.length <= 300 ? used : used.slice(0, 1);
  let maxDistance = 0;
  for (const a of pivots)
    for (const b of used) maxDistance = Math.max(maxDistance, travel.distance[a * M + b], travel.distance[b * M + a]);
  if (pivots.length !== used.length) maxDistance *= 2;
  const idealDrop = new Float64Array(R);
  all.forEach((req, r) => {
    const direct = travel.time[req.pickup.location * M + req.dropoff.location];
    idealDrop[r] = Math.max(req.dropoff.window.earliest, req.pickup.window.earliest + req.pickup.serviceTime + direct);
  });
  onBoard.forEach((o, k) => {
    const req = o.request;
    idealDrop[firstOnBoard + k] = Math.max(
      req.dropoff.window.earliest,
      o.pickupEndedAt + travel.time[req.pickup.location * M + req.dropoff.location],
    );
  });
  let horizon = 0;
  for (let i = 0; i < N; i++) if (Number.isFinite(late[i])) horizon = Math.max(horizon, late[i]);
  return {
    source: problem,
    requestCount: R,
    vehicleCount: V,
    nodeCount: N,
    dims,
    matrixSize: M,
    time: travel.time,
    distance: travel.distance,
    loc,
    early,
    late,
    service,
    delta,
    requestOfNode,
    pickupNode,
    dropNode,
    maxRide,
    lockedVehicle,
    pinned,
    compatible,
    capacity,
    initialLoad,
    maxDuration,
    fixedPrefix,
    requestIndex,
    vehicleClass,
    maxDistance: maxDistance || 1,
    idealDrop,
    horizon: horizon || 1,
  };
}
