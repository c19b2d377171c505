import {
  EngineContext,
  InsertionResult,
  RouteData,
  bestInsertion,
  buildRoute,
  insertedNodes,
  isRouteUsed,
  routeCost,
} from './route-data';
import { PlanState } from './plan-state';

/**
 * Best-improvement polish of a plan: take each movable request out and put it back at its
 * cheapest feasible place in any route, while that lowers the cost. ALNS destroys at least a
 * few requests at a time, so single moves like these can slip through its neighbourhoods.
 */
export function relocateDescent(ctx: EngineContext, plan: PlanState, maxPasses = 3): boolean {
  const { p } = ctx;
  const res: InsertionResult = { cost: 0, i: 0, j: 0 };
  const V = plan.routes.length;
  let improvedAny = false;
  for (let pass = 0; pass < maxPasses; pass++) {
    let improved = false;
    for (let v = 0; v < V; v++) {
      for (let k = 1; k < plan.routes[v].length - 1; k++) {
        const route = plan.routes[v];
        const n = route.nodes[k];
        const r = p.requestOfNode[n];
        if (n !== p.pickupNode[r] || p.pinned[r]) continue;
        const reduced = withoutRequest(ctx, route, r);
        if (!reduced.feasible) continue;
        // what the request costs where it is now
        const saving = routeCost(ctx, route) - routeCost(ctx, reduced) + (reduced.length === 2 ? ctx.vehicleCost : 0);
        let bestCost = saving - 1e-9;
        let bestV = -1;
        let bi = 0;
        let bj = 0;
        let emptyTried = false;
        for (let w = 0; w < V; w++) {
          if (plan.closed[w]) continue;
          const target = w === v ? reduced : plan.routes[w];
          if (!isRouteUsed(target)) {
            // interchangeable empty vehicles: one try is enough
            if (emptyTried) continue;
            emptyTried = true;
          }
          bestInsertion(ctx, target, r, bestCost, res);
          if (res.cost < bestCost) {
            bestCost = res.cost;
            bestV = w;
            bi = res.i;
            bj = res.j;
          }
        }
        if (bestV < 0) continue;
        plan.routes[v] = reduced;
        const target = plan.routes[bestV];
        plan.routes[bestV] = buildRoute(ctx, bestV, insertedNodes(target, p.pickupNode[r], p.dropNode[r], bi, bj));
        improved = true;
        improvedAny = true;
        k = 0; // the route changed: rescan it
      }
    }
    if (!improved) break;
  }
  return improvedAny;
}

function withoutRequest(ctx: EngineContext, route: RouteData, r: number): RouteData {
  const { p } = ctx;
  const out = new Int32Array(route.length - 2);
  let w = 0;
  for (let k = 0; k < route.length; k++) {
    const n = route.nodes[k];
    if (k > 0 && k < route.length - 1 && p.requestOfNode[n] === r) continue;
    out[w++] = n;
  }
  return buildRoute(ctx, route.vehicle, out);
}
