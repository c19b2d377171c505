import { EngineContext, isRouteUsed } from './route-data';
import { PlanState, removeFromPlan } from './plan-state';
import { Rng } from './rng';

/** Requests the search may move: served by some route and not pinned (on board, committed). */
function movableRequests(ctx: EngineContext, plan: PlanState): number[] {
  const { p } = ctx;
  const out: number[] = [];
  for (const route of plan.routes)
    for (let k = 1; k < route.length - 1; k++) {
      const n = route.nodes[k];
      const r = p.requestOfNode[n];
      if (n === p.pickupNode[r] && !p.pinned[r]) out.push(r);
    }
  return out;
}

export function randomRemoval(ctx: EngineContext, plan: PlanState, q: number, rng: Rng): void {
  const cand = movableRequests(ctx, plan);
  const chosen: number[] = [];
  for (let k = 0; k < q && cand.length > 0; k++) {
    const h = rng.int(cand.length);
    chosen.push(cand[h]);
    cand[h] = cand[cand.length - 1];
    cand.pop();
  }
  removeFromPlan(ctx, plan, chosen);
}

/**
 * Worst removal: requests whose removal saves the most (in the objective's travel unit),
 * randomised as in Ropke & Pisinger (y^p rank selection).
 */
export function worstRemoval(ctx: EngineContext, plan: PlanState, q: number, rng: Rng): void {
  const { p } = ctx;
  const M = p.matrixSize;
  const C = ctx.costKind === 1 ? p.time : p.distance;
  const loc = p.loc;
  const gains: { r: number; g: number }[] = [];
  for (const route of plan.routes) {
    const nodes = route.nodes;
    const m = route.length;
    for (let k = 1; k < m - 1; k++) {
      const n = nodes[k];
      const r = p.requestOfNode[n];
      if (n !== p.pickupNode[r] || p.pinned[r]) continue;
      let j = k + 1;
      while (nodes[j] !== p.dropNode[r]) j++;
      const a = loc[nodes[k - 1]];
      const pl = loc[n];
      const b = loc[nodes[k + 1]];
      const dl = loc[nodes[j]];
      let g: number;
      if (j === k + 1) {
        const c = loc[nodes[j + 1]];
        g = C[a * M + pl] + C[pl * M + dl] + C[dl * M + c] - C[a * M + c];
      } else {
        const x = loc[nodes[j - 1]];
        const y = loc[nodes[j + 1]];
        g = C[a * M + pl] + C[pl * M + b] - C[a * M + b] + C[x * M + dl] + C[dl * M + y] - C[x * M + y];
      }
      gains.push({ r, g });
    }
  }
  gains.sort((x, y) => y.g - x.g || x.r - y.r);
  const chosen: number[] = [];
  while (chosen.length < q && gains.length > 0) {
    const h = Math.floor(Math.pow(rng.next(), 3) * gains.length);
    chosen.push(gains[h].r);
    gains.splice(h, 1);
  }
  removeFromPlan(ctx, plan, chosen);
}

/**
 * Shaw (related) removal: requests close in space and time to ones already removed, so the
 * repair can recombine them (weights of Ropke & Pisinger 2006).
 */
export function relatedRemoval(ctx: EngineContext, plan: PlanState, q: number, rng: Rng): void {
  const { p } = ctx;
  const M = p.matrixSize;
  const D = p.distance;
  const loc = p.loc;
  const cand = movableRequests(ctx, plan);
  if (cand.length === 0) return;
  const when = new Float64Array(p.nodeCount);
  const vehicleOf = new Int32Array(p.requestCount).fill(-1);
  for (const route of plan.routes)
    for (let k = 1; k < route.length - 1; k++) {
      when[route.nodes[k]] = route.schedule[k];
      vehicleOf[p.requestOfNode[route.nodes[k]]] = route.vehicle;
    }
  const invD = 1 / p.maxDistance;
  const invT = 1 / p.horizon;
  const relatedness = (a: number, b: number): number => {
    const pa = p.pickupNode[a];
    const pb = p.pickupNode[b];
    const da = p.dropNode[a];
    const db = p.dropNode[b];
    return (
      9 * (D[loc[pa] * M + loc[pb]] + D[loc[da] * M + loc[db]]) * invD +
      3 * (Math.abs(when[pa] - when[pb]) + Math.abs(when[da] - when[db])) * invT +
      (vehicleOf[a] === vehicleOf[b] ? 0 : 1)
    );
  };
  const chosen: number[] = [];
  const h0 = rng.int(cand.length);
  chosen.push(cand[h0]);
  cand[h0] = cand[cand.length - 1];
  cand.pop();
  const score = new Float64Array(p.requestCount);
  while (chosen.length < q && cand.length > 0) {
    const ref = chosen[rng.int(chosen.length)];
    for (const r of cand) score[r] = relatedness(ref, r);
    cand.sort((x, y) => score[x] - score[y] || x - y);
    const h = Math.floor(Math.pow(rng.next(), 6) * cand.length);
    chosen.push(cand[h]);
    cand.splice(h, 1);
  }
  removeFromPlan(ctx, plan, chosen);
}

/** Whole-route removal, preferring short routes: frees a vehicle for the repair to reuse. */
export function routeRemoval(ctx: EngineContext, plan: PlanState, q: number, rng: Rng): void {
  const { p } = ctx;
  const used = plan.routes.filter((r) => isRouteUsed(r));
  if (used.length === 0) return;
  // pick the shortest of two random routes
  let route = used[rng.int(used.length)];
  const other = used[rng.int(used.length)];
  if (other.length < route.length) route = other;
  const chosen: number[] = [];
  for (let k = 1; k < route.length - 1; k++) {
    const n = route.nodes[k];
    const r = p.requestOfNode[n];
    if (n === p.pickupNode[r] && !p.pinned[r]) chosen.push(r);
  }
  // A route alone may be a small neighbourhood: top up with random requests to reach q.
  removeFromPlan(ctx, plan, chosen);
  if (chosen.length < q) randomRemoval(ctx, plan, q - chosen.length, rng);
}

export type DestroyOperator = (ctx: EngineContext, plan: PlanState, q: number, rng: Rng) => void;

export const DESTROY_OPERATORS: readonly DestroyOperator[] = [
  randomRemoval,
  worstRemoval,
  relatedRemoval,
  routeRemoval,
];
