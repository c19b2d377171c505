import { DESTROY_OPERATORS } from './destroy';
import { EngineContext, routeCost } from './route-data';
import { PlanState, clonePlan, planCost } from './plan-state';
import { repairPlan } from './repair';
import { relocateDescent } from './relocate-descent';
import { Rng } from './rng';

export interface SearchBudget {
  /** Absolute time (by `now`) at which to stop. */
  readonly deadline: number;
  readonly maxIterations: number;
  readonly now: () => number;
}

export interface AlnsTuning {
  /** Share of the start cost a worse solution may exceed and still be accepted with probability ½ at the start. */
  readonly startWorsening: number;
  /** Final temperature as a fraction of the start temperature. */
  readonly endTemperatureRatio: number;
  /** Destroy size as a share of the movable requests. */
  readonly minRemoveShare: number;
  readonly maxRemoveShare: number;
  readonly maxRemove: number;
  /** Go back to the best plan after this many iterations without a new best (intensification). */
  readonly restartAfter: number;
  /**
   * Polish every new best plan with single-request relocations. Off by default: on the DARP
   * set it made the search converge early (worse mean gap for the same iterations).
   */
  readonly polishBest: boolean;
}

export const DEFAULT_TUNING: AlnsTuning = {
  startWorsening: 0.02,
  endTemperatureRatio: 0.002,
  minRemoveShare: 0.05,
  maxRemoveShare: 0.3,
  maxRemove: 30,
  restartAfter: 3000,
  polishBest: false,
};

interface RepairChoice {
  regret: number;
  noise: number;
}

const REPAIRS: readonly RepairChoice[] = [
  { regret: 1, noise: 0 },
  { regret: 2, noise: 0 },
  { regret: 3, noise: 0 },
  { regret: 1, noise: 0.025 },
  { regret: 2, noise: 0.025 },
  { regret: 3, noise: 0.025 },
];

function pickWeighted(weights: Float64Array, rng: Rng): number {
  let total = 0;
  for (let k = 0; k < weights.length; k++) total += weights[k];
  let x = rng.next() * total;
  for (let k = 0; k < weights.length; k++) {
    x -= weights[k];
    if (x < 0) return k;
  }
  return weights.length - 1;
}

function movableCount(ctx: EngineContext, plan: PlanState): number {
  let n = plan.bank.length;
  for (const route of plan.routes) n += (route.length - 2) >> 1;
  let pinned = 0;
  for (let r = 0; r < ctx.p.requestCount; r++) if (ctx.p.pinned[r]) pinned++;
  return Math.max(0, n - pinned);
}

export interface AlnsResult {
  best: PlanState;
  bestCost: number;
  iterations: number;
}

/**
 * Adaptive large neighbourhood search with simulated-annealing acceptance (Ropke & Pisinger
 * 2006). Anytime: returns the best plan seen when the budget ends. Deterministic for a seed
 * when only the iteration limit binds (the temperature then follows the iteration count).
 */
export function runAlns(
  ctx: EngineContext,
  start: PlanState,
  budget: SearchBudget,
  rng: Rng,
  tuning: AlnsTuning = DEFAULT_TUNING,
): AlnsResult {
  let current = start;
  let currentCost = planCost(ctx, current);
  let best = current;
  let bestCost = currentCost;
  const movable = movableCount(ctx, start);
  if (movable === 0) return { best, bestCost, iterations: 0 };
  let travelCost = 0;
  for (const r of start.routes) travelCost += routeCost(ctx, r);
  const t0 = (tuning.startWorsening * Math.max(travelCost, 1)) / Math.LN2;
  const qMin = Math.max(1, Math.min(movable, Math.round(tuning.minRemoveShare * movable), 4));
  const qMax = Math.max(qMin, Math.min(movable, Math.round(tuning.maxRemoveShare * movable), tuning.maxRemove));
  const dW = new Float64Array(DESTROY_OPERATORS.length).fill(1);
  const rW = new Float64Array(REPAIRS.length).fill(1);
  const dS = new Float64Array(dW.length);
  const rS = new Float64Array(rW.length);
  const dN = new Float64Array(dW.length);
  const rN = new Float64Array(rW.length);
  const startTime = budget.now();
  const timeSpan = Math.max(1, budget.deadline - startTime);
  const timed = Number.isFinite(budget.deadline);
  const seen = new Set<number>();
  let it = 0;
  let lastBest = 0;
  for (; it < budget.maxIterations; it++) {
    if (it - lastBest > tuning.restartAfter) {
      current = best;
      currentCost = bestCost;
      lastBest = it;
    }
    let progress = Number.isFinite(budget.maxIterations) ? it / budget.maxIterations : 0;
    if (timed) {
      const now = budget.now();
      if (now >= budget.deadline) break;
      progress = Math.max(progress, (now - startTime) / timeSpan);
    }
    const temperature = t0 * Math.pow(tuning.endTemperatureRatio, progress);
    const d = pickWeighted(dW, rng);
    const rp = pickWeighted(rW, rng);
    const q = qMin + rng.int(qMax - qMin + 1);
    const cand = clonePlan(current);
    DESTROY_OPERATORS[d](ctx, cand, q, rng);
    repairPlan(ctx, cand, REPAIRS[rp].regret, REPAIRS[rp].noise, rng);
    let c = planCost(ctx, cand);
    if (tuning.polishBest && c < bestCost - 1e-9 && relocateDescent(ctx, cand)) c = planCost(ctx, cand);
    let score = 0;
    const key = Math.round(c * 1e6) % 1e9;
    const isNew = !seen.has(key);
    if (c < bestCost - 1e-9) {
      best = cand;
      bestCost = c;
      current = cand;
      currentCost = c;
      score = 33;
      lastBest = it;
    } else if (c < currentCost - 1e-9) {
      current = cand;
      currentCost = c;
      score = isNew ? 9 : 0;
    } else if (c < Infinity && rng.next() < Math.exp(-(c - currentCost) / temperature)) {
      current = cand;
      currentCost = c;
      score = isNew ? 13 : 0;
    }
    if (isNew) seen.add(key);
    dS[d] += score;
    rS[rp] += score;
    dN[d]++;
    rN[rp]++;
    if ((it + 1) % 100 === 0) {
      for (let k = 0; k < dW.length; k++) if (dN[k] > 0) dW[k] = Math.max(0.05, 0.9 * dW[k] + (0.1 * dS[k]) / dN[k]);
      for (let k = 0; k < rW.length; k++) if (rN[k] > 0) rW[k] = Math.max(0.05, 0.9 * rW[k] + (0.1 * rS[k]) / rN[k]);
      dS.fill(0);
      rS.fill(0);
      dN.fill(0);
      rN.fill(0);
      if (seen.size > 200000) seen.clear();
    }
  }
  return { best: clonePlan(best), bestCost, iterations: it };
}
