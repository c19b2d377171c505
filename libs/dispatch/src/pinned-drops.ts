import { EngineContext, RouteData, buildRoute, routeCost } from './route-data';
import { PlanState } from './plan-state';

/**
 * The search never moves pinned requests (riders on board, committed pickups) between
 * vehicles, but their drop-offs may still move within their own route: try every later
 * position for each such drop-off and keep the cheapest feasible one. Repeats until no move helps.
 */
export function improvePinnedDrops(ctx: EngineContext, plan: PlanState): void {
  const { p } = ctx;
  for (let v = 0; v < plan.routes.length; v++) {
    let route = plan.routes[v];
    if (!route.feasible) continue;
    for (let round = 0; round < 4; round++) {
      let improved = false;
      for (let k = 1; k < route.length - 1; k++) {
        const n = route.nodes[k];
        const r = p.requestOfNode[n];
        if (!p.pinned[r] || n !== p.dropNode[r]) continue;
        const better = bestDropPosition(ctx, route, k);
        if (better) {
          route = better;
          improved = true;
        }
      }
      if (!improved) break;
    }
    plan.routes[v] = route;
  }
}

function bestDropPosition(ctx: EngineContext, route: RouteData, k: number): RouteData | null {
  const { p } = ctx;
  const n = route.nodes[k];
  const r = p.requestOfNode[n];
  const rest: number[] = [];
  for (let h = 0; h < route.length; h++) if (h !== k) rest.push(route.nodes[h]);
  let first = p.fixedPrefix[route.vehicle] + 1;
  const pickupAt = rest.indexOf(p.pickupNode[r]);
  if (pickupAt >= 0) first = Math.max(first, pickupAt + 1);
  let best: RouteData | null = null;
  let bestCost = routeCost(ctx, route) - 1e-9;
  for (let pos = first; pos < rest.length; pos++) {
    if (pos === k) continue;
    const nodes = Int32Array.from([...rest.slice(0, pos), n, ...rest.slice(pos)]);
    const cand = buildRoute(ctx, route.vehicle, nodes);
    if (!cand.feasible) continue;
    const c = routeCost(ctx, cand);
    if (c < bestCost) {
      best = cand;
      bestCost = c;
    }
  }
  return best;
}
