import { EngineContext, InsertionResult, bestInsertion, buildRoute, insertedNodes, isRouteUsed } from './route-data';
import { PlanState } from './plan-state';
import { Rng } from './rng';

/**
 * Insertion heuristics of ALNS (Ropke & Pisinger 2006): greedy (regret = 1) and regret-k.
 * The best insertion of every pending request into every route is cached and only the
 * column of the route that changed is recomputed after each insertion.
 * Empty vehicles of one class are interchangeable, so only one of them is evaluated.
 */
export function repairPlan(ctx: EngineContext, plan: PlanState, regret: number, noise: number, rng: Rng): void {
  const pending = plan.bank;
  const n = pending.length;
  if (n === 0) return;
  const V = plan.routes.length;
  const cost = new Float64Array(n * V).fill(Infinity);
  const posI = new Int32Array(n * V);
  const posJ = new Int32Array(n * V);
  const active = new Uint8Array(n).fill(1);
  const res: InsertionResult = { cost: 0, i: 0, j: 0 };
  const noiseAmp = noise * ctx.p.maxDistance;
  const classRep = new Int32Array(V).fill(-1);
  const eligible = new Uint8Array(V);
  const refreshEligibility = (): void => {
    classRep.fill(-1);
    for (let v = 0; v < V; v++) {
      if (plan.closed[v]) {
        eligible[v] = 0;
        continue;
      }
      if (isRouteUsed(plan.routes[v])) eligible[v] = 1;
      else {
        const c = ctx.p.vehicleClass[v];
        if (classRep[c] < 0) {
          classRep[c] = v;
          eligible[v] = 1;
        } else eligible[v] = 0;
      }
    }
  };
  const evalColumn = (v: number): void => {
    for (let b = 0; b < n; b++) {
      if (!active[b]) continue;
      const idx = b * V + v;
      if (!eligible[v]) {
        cost[idx] = Infinity;
        continue;
      }
      bestInsertion(ctx, plan.routes[v], pending[b], Infinity, res);
      cost[idx] = res.cost === Infinity ? Infinity : res.cost + (noiseAmp > 0 ? noiseAmp * (2 * rng.next() - 1) : 0);
      posI[idx] = res.i;
      posJ[idx] = res.j;
    }
  };
  refreshEligibility();
  for (let v = 0; v < V; v++) evalColumn(v);
  const left: number[] = [];
  const bigRegret = 1e6 * (ctx.p.maxDistance + 1);
  const top = new Float64Array(Math.max(1, regret));
  for (let step = 0; step < n; step++) {
    let bestB = -1;
    let bestScore = -Infinity;
    let bestC1 = Infinity;
    let bestV = -1;
    for (let b = 0; b < n; b++) {
      if (!active[b]) continue;
      // k smallest costs over the routes
      top.fill(Infinity);
      let v1 = -1;
      for (let v = 0; v < V; v++) {
        const c = cost[b * V + v];
        if (c === Infinity) continue;
        if (c < top[0]) v1 = v;
        // insertion into the sorted top array
        if (c < top[regret - 1]) {
          let h = regret - 1;
          while (h > 0 && top[h - 1] > c) {
            top[h] = top[h - 1];
            h--;
          }
          top[h] = c;
        }
      }
      const c1 = top[0];
      if (c1 === Infinity) continue;
      let score: number;
      if (regret <= 1) score = -c1;
      else {
        score = 0;
        for (let h = 1; h < regret; h++) score += top[h] === Infinity ? bigRegret : top[h] - c1;
      }
      if (score > bestScore || (score === bestScore && c1 < bestC1)) {
        bestScore = score;
        bestB = b;
        bestC1 = c1;
        bestV = v1;
      }
    }
    if (bestB < 0) break;
    const r = pending[bestB];
    const idx = bestB * V + bestV;
    const route = plan.routes[bestV];
    const wasEmpty = !isRouteUsed(route);
    plan.routes[bestV] = buildRoute(
      ctx,
      bestV,
      insertedNodes(route, ctx.p.pickupNode[r], ctx.p.dropNode[r], posI[idx], posJ[idx]),
    );
    active[bestB] = 0;
    if (wasEmpty) {
      refreshEligibility();
      const c = ctx.p.vehicleClass[bestV];
      const rep = classRep[c];
      evalColumn(bestV);
      if (rep >= 0) evalColumn(rep);
    } else evalColumn(bestV);
  }
  for (let b = 0; b < n; b++) if (active[b]) left.push(pending[b]);
  plan.bank.length = 0;
  for (const r of left) plan.bank.push(r);
}
