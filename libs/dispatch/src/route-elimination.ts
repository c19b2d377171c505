import { SearchBudget } from './alns';
import {
  EngineContext,
  InsertionResult,
  RouteData,
  bestInsertion,
  buildRoute,
  insertedNodes,
  isRouteUsed,
} from './route-data';
import { PlanState, clonePlan } from './plan-state';
import { Rng } from './rng';

/*
 * Route elimination for the lexicographic objective, after the guided ejection search of
 * Nagata & Kobayashi (2010): take one route out, put its requests in an ejection pool, and
 * insert them back one by one into the remaining routes. When a request fits nowhere, eject
 * the one or two requests of a route that make room for it with the smallest sum of
 * "difficulty" counters (raised each time a request gets stuck), so requests that are hard
 * to place end up placed first. Random relocations between steps diversify the routes.
 */

const MAX_PAIRS_PER_ROUTE = 120;

interface Ejection {
  psum: number;
  cost: number;
  vehicle: number;
  ejected: number[];
  nodes: Int32Array | null;
}

function requestsOf(ctx: EngineContext, route: RouteData): number[] {
  const { p } = ctx;
  const out: number[] = [];
  for (let k = 1; k < route.length - 1; k++) {
    const n = route.nodes[k];
    const r = p.requestOfNode[n];
    if (n === p.pickupNode[r] && !p.pinned[r]) out.push(r);
  }
  return out;
}

function without(ctx: EngineContext, route: RouteData, a: number, b: number): RouteData {
  const { p } = ctx;
  const out = new Int32Array(route.length);
  let w = 0;
  for (let k = 0; k < route.length; k++) {
    const n = route.nodes[k];
    if (k > 0 && k < route.length - 1) {
      const r = p.requestOfNode[n];
      if (r === a || r === b) continue;
    }
    out[w++] = n;
  }
  return buildRoute(ctx, route.vehicle, out.slice(0, w));
}

function bestFeasible(
  ctx: EngineContext,
  plan: PlanState,
  r: number,
  res: InsertionResult,
  skip = -1,
): { v: number; i: number; j: number; cost: number } | null {
  let best: { v: number; i: number; j: number; cost: number } | null = null;
  for (let v = 0; v < plan.routes.length; v++) {
    if (plan.closed[v] || v === skip) continue;
    bestInsertion(ctx, plan.routes[v], r, best ? best.cost : Infinity, res);
    if (res.cost < (best ? best.cost : Infinity)) best = { v, i: res.i, j: res.j, cost: res.cost };
  }
  return best;
}

function findEjection(
  ctx: EngineContext,
  plan: PlanState,
  r: number,
  penalty: Int32Array,
  rng: Rng,
  res: InsertionResult,
): Ejection | null {
  let best: Ejection | null = null;
  const better = (psum: number, cost: number): boolean =>
    !best || psum < best.psum || (psum === best.psum && cost < best.cost);
  for (let v = 0; v < plan.routes.length; v++) {
    if (plan.closed[v]) continue;
    const route = plan.routes[v];
    if (!ctx.p.compatible[r * plan.routes.length + v]) continue;
    const reqs = requestsOf(ctx, route);
    for (let x = 0; x < reqs.length; x++) {
      const a = reqs[x];
      if (best && penalty[a] > best.psum) continue;
      const reduced = without(ctx, route, a, -1);
      bestInsertion(ctx, reduced, r, Infinity, res);
      if (res.cost < Infinity) {
        const noisy = res.cost * (1 + 0.1 * rng.next());
        if (better(penalty[a], noisy))
          best = {
            psum: penalty[a],
            cost: noisy,
            vehicle: v,
            ejected: [a],
            nodes: insertedNodes(reduced, ctx.p.pickupNode[r], ctx.p.dropNode[r], res.i, res.j),
          };
      }
    }
    // Pairs grow quadratically with route size; on long routes (wide windows, big vehicles)
    // look at a random sample of them so one ejection step stays cheap.
    const pairCount = (reqs.length * (reqs.length - 1)) / 2;
    const keep = pairCount <= MAX_PAIRS_PER_ROUTE ? 1 : MAX_PAIRS_PER_ROUTE / pairCount;
    for (let x = 0; x < reqs.length; x++)
      for (let y = x + 1; y < reqs.length; y++) {
        if (keep < 1 && rng.next() >= keep) continue;
        const a = reqs[x];
        const b = reqs[y];
        const psum = penalty[a] + penalty[b];
        if (best && psum > best.psum) continue;
        const reduced = without(ctx, route, a, b);
        bestInsertion(ctx, reduced, r, Infinity, res);
        if (res.cost < Infinity) {
          const noisy = res.cost * (1 + 0.1 * rng.next());
          if (better(psum, noisy))
            best = {
              psum,
              cost: noisy,
              vehicle: v,
              ejected: [a, b],
              nodes: insertedNodes(reduced, ctx.p.pickupNode[r], ctx.p.dropNode[r], res.i, res.j),
            };
        }
      }
  }
  return best;
}

/** Random feasible relocations: move a request to its best position in another route. */
function perturb(ctx: EngineContext, plan: PlanState, moves: number, rng: Rng, res: InsertionResult): void {
  const open: number[] = [];
  for (let v = 0; v < plan.routes.length; v++) if (!plan.closed[v] && isRouteUsed(plan.routes[v])) open.push(v);
  if (open.length < 2) return;
  for (let k = 0; k < moves; k++) {
    const v = open[rng.int(open.length)];
    const reqs = requestsOf(ctx, plan.routes[v]);
    if (reqs.length === 0) continue;
    const r = reqs[rng.int(reqs.length)];
    const target = bestFeasible(ctx, plan, r, res, v);
    if (!target) continue;
    plan.routes[v] = without(ctx, plan.routes[v], r, -1);
    plan.routes[target.v] = buildRoute(
      ctx,
      target.v,
      insertedNodes(plan.routes[target.v], ctx.p.pickupNode[r], ctx.p.dropNode[r], target.i, target.j),
    );
  }
}

/**
 * Removes routes while it can within the budget; returns the plan with the fewest routes
 * found (all requests served). Expects a plan with an empty bank.
 */
export function eliminateRoutes(ctx: EngineContext, start: PlanState, budget: SearchBudget, rng: Rng): PlanState {
  if (start.bank.length > 0) return start;
  const { p } = ctx;
  const V = start.routes.length;
  let best = start;
  const penalty = new Int32Array(p.requestCount);
  const res: InsertionResult = { cost: 0, i: 0, j: 0 };
  let iterations = 0;
  const timeUp = (): boolean => iterations >= budget.maxIterations || budget.now() >= budget.deadline;
  while (!timeUp()) {
    const used: number[] = [];
    for (let v = 0; v < V; v++) if (isRouteUsed(best.routes[v])) used.push(v);
    if (used.length <= 1) break;
    const removable = used.filter((v) => requestsOf(ctx, best.routes[v]).length * 2 === best.routes[v].length - 2);
    if (removable.length === 0) break;
    const victim = removable[rng.int(removable.length)];
    const closed = new Uint8Array(V);
    for (let v = 0; v < V; v++) if (!isRouteUsed(best.routes[v]) || v === victim) closed[v] = 1;
    const cur: PlanState = { ...clonePlan(best), closed };
    const pool = requestsOf(ctx, cur.routes[victim]);
    cur.routes[victim] = buildRoute(
      ctx,
      victim,
      Int32Array.of(cur.routes[victim].nodes[0], cur.routes[victim].nodes[cur.routes[victim].length - 1]),
    );
    penalty.fill(1);
    // The attempt ends when the pool empties or after a share of the remaining budget.
    const attemptLimit = iterations + Math.max(200, 40 * p.requestCount);
    while (pool.length > 0 && !timeUp() && iterations < attemptLimit) {
      iterations++;
      const r = pool.pop()!;
      const direct = bestFeasible(ctx, cur, r, res);
      if (direct) {
        cur.routes[direct.v] = buildRoute(
          ctx,
          direct.v,
          insertedNodes(cur.routes[direct.v], p.pickupNode[r], p.dropNode[r], direct.i, direct.j),
        );
        continue;
      }
      penalty[r]++;
      const ej = findEjection(ctx, cur, r, penalty, rng, res);
      if (ej && ej.nodes) {
        cur.routes[ej.vehicle] = buildRoute(ctx, ej.vehicle, ej.nodes);
        for (const a of ej.ejected) pool.push(a);
      } else pool.unshift(r);
      perturb(ctx, cur, 3, rng, res);
    }
    if (pool.length === 0) best = { routes: cur.routes, bank: [], closed: start.closed };
  }
  return { routes: best.routes.slice(), bank: [], closed: start.closed };
}
