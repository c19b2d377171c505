import { EngineContext, RouteData, buildRoute, isRouteUsed, routeCost } from './route-data';

/** A search state: one route per vehicle plus the requests not (yet) served. */
export interface PlanState {
  readonly routes: RouteData[];
  readonly bank: number[];
  /** Vehicles the search may not put requests on (route elimination closes one). */
  readonly closed: Uint8Array;
}

export function clonePlan(plan: PlanState): PlanState {
  return { routes: plan.routes.slice(), bank: plan.bank.slice(), closed: plan.closed };
}

/** Penalty per unserved request: larger than any insertion cost, so serving always wins. */
export function unservedPenaltyOf(ctx: EngineContext): number {
  const obj = ctx.p.source.objective;
  if (obj.kind === 'service') return obj.unservedPenalty;
  return ctx.vehicleCost + 100 * ctx.p.maxDistance + 1000;
}

export function planCost(ctx: EngineContext, plan: PlanState): number {
  let cost = 0;
  for (const r of plan.routes) {
    // Only a live plan handed in can be infeasible (a van running late past a promise): price it
    // high rather than at infinity, so re-planning the rest of the area still makes progress.
    if (!r.feasible) cost += 10 * unservedPenaltyOf(ctx);
    cost += routeCost(ctx, r);
    if (isRouteUsed(r)) cost += ctx.vehicleCost;
  }
  return cost + plan.bank.length * unservedPenaltyOf(ctx);
}

export function usedVehicles(plan: PlanState): number {
  let n = 0;
  for (const r of plan.routes) if (isRouteUsed(r)) n++;
  return n;
}

export function totalDistance(plan: PlanState): number {
  let d = 0;
  for (const r of plan.routes) d += r.distance;
  return d;
}

/** Removes the given requests from their routes, rebuilding each touched route once. */
export function removeFromPlan(ctx: EngineContext, plan: PlanState, requests: readonly number[]): void {
  const { p } = ctx;
  const mark = new Uint8Array(p.requestCount);
  for (const r of requests) mark[r] = 1;
  for (let v = 0; v < plan.routes.length; v++) {
    const route = plan.routes[v];
    let hit = false;
    for (let k = 1; k < route.length - 1; k++)
      if (mark[p.requestOfNode[route.nodes[k]]]) {
        hit = true;
        break;
      }
    if (!hit) continue;
    const out = new Int32Array(route.length);
    let w = 0;
    for (let k = 0; k < route.length; k++) {
      const n = route.nodes[k];
      if (k > 0 && k < route.length - 1 && mark[p.requestOfNode[n]]) continue;
      out[w++] = n;
    }
    plan.routes[v] = buildRoute(ctx, v, out.slice(0, w));
  }
  for (const r of requests) plan.bank.push(r);
}
