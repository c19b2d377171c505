import { CompiledProblem, endNodeOf, startNodeOf } from './compiled-problem';
import { PlannedStop, RoutePlan, RoutingSolution, StopRef } from './model';
import { EngineContext, RouteData, buildRoute } from './route-data';
import { PlanState, planCost, totalDistance, usedVehicles } from './plan-state';

/** Node of a stop reference, or an error naming what is wrong. */
export function nodeOfStop(p: CompiledProblem, stop: StopRef): number {
  const r = p.requestIndex.get(stop.requestId);
  if (r === undefined) throw new Error(`unknown request ${stop.requestId}`);
  if (stop.kind === 'pickup') {
    if (p.pickupNode[r] < 0) throw new Error(`request ${stop.requestId} is on board: it has no pickup left`);
    return p.pickupNode[r];
  }
  return p.dropNode[r];
}

/**
 * The starting plan: given stop sequences per vehicle id (e.g. the current live plan), plus
 * what the vehicles impose (committed next stop first, on-board riders' drop-offs). Requests
 * that appear nowhere are left unserved for the search to insert.
 */
export function initialPlan(
  ctx: EngineContext,
  initialRoutes?: Readonly<Record<string, readonly StopRef[]>>,
): PlanState {
  const { p } = ctx;
  const vehicles = p.source.vehicles;
  const placed = new Uint8Array(p.nodeCount);
  const routes: RouteData[] = vehicles.map((veh, v) => {
    const seq: number[] = [];
    const add = (n: number): void => {
      if (placed[n]) throw new Error(`stop placed twice on vehicle ${veh.id}`);
      placed[n] = 1;
      seq.push(n);
    };
    const given = initialRoutes?.[veh.id];
    if (veh.committedNextStop) add(nodeOfStop(p, veh.committedNextStop));
    if (given)
      for (const s of given) {
        const n = nodeOfStop(p, s);
        if (!placed[n]) add(n);
      }
    // Locked requests whose remaining stops were not given: drop-offs in the listed order.
    for (let r = 0; r < p.requestCount; r++) {
      if (p.lockedVehicle[r] !== v) continue;
      if (p.pickupNode[r] >= 0 && !placed[p.pickupNode[r]]) add(p.pickupNode[r]);
      if (!placed[p.dropNode[r]]) add(p.dropNode[r]);
    }
    return buildRoute(ctx, v, Int32Array.from([startNodeOf(p, v), ...seq, endNodeOf(p, v)]));
  });
  const bank: number[] = [];
  for (let r = 0; r < p.requestCount; r++) {
    const hasP = p.pickupNode[r] < 0 || placed[p.pickupNode[r]] === 1;
    const hasD = placed[p.dropNode[r]] === 1;
    if (hasP !== hasD)
      throw new Error(`request ${[...p.requestIndex.keys()][r]} has only one of its stops in the initial plan`);
    if (!hasD) bank.push(r);
  }
  return { routes, bank, closed: new Uint8Array(vehicles.length) };
}

export function routePlanOf(p: CompiledProblem, route: RouteData): RoutePlan {
  const { time, loc, matrixSize: M, service, dims } = p;
  const requestIds = [...p.requestIndex.keys()];
  // A route handed in already broken (a van running late) has no feasible schedule: report
  // its as-soon-as-possible times, which are the honest ETAs.
  const B = route.feasible ? route.schedule : route.earliest;
  const stops: PlannedStop[] = [];
  for (let k = 1; k < route.length - 1; k++) {
    const n = route.nodes[k];
    const prev = route.nodes[k - 1];
    const r = p.requestOfNode[n];
    const arrival = B[k - 1] + service[prev] + time[loc[prev] * M + loc[n]];
    const loadAfter: number[] = [];
    for (let d = 0; d < dims; d++) loadAfter.push(route.loadAfter[k * dims + d]);
    stops.push({
      requestId: requestIds[r],
      kind: n === p.pickupNode[r] ? 'pickup' : 'dropoff',
      location: loc[n],
      arrival,
      serviceStart: B[k],
      departure: B[k] + service[n],
      loadAfter,
    });
  }
  return {
    vehicleId: p.source.vehicles[route.vehicle].id,
    startTime: B[0],
    stops,
    endTime: B[route.length - 1],
    distance: route.distance,
    driveTime: route.driveTime,
  };
}

export function solutionOf(ctx: EngineContext, plan: PlanState): RoutingSolution {
  const { p } = ctx;
  const requestIds = [...p.requestIndex.keys()];
  return {
    routes: plan.routes.map((r) => routePlanOf(p, r)),
    unassigned: plan.bank.map((r) => requestIds[r]),
    vehiclesUsed: usedVehicles(plan),
    distance: totalDistance(plan),
    cost: planCost(ctx, plan),
  };
}
