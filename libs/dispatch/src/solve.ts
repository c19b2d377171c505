import { AlnsTuning, DEFAULT_TUNING, runAlns, SearchBudget } from './alns';
import { compileProblem } from './compiled-problem';
import { RoutingProblem, RoutingSolution, StopRef } from './model';
import { initialPlan, solutionOf } from './plan-io';
import { planCost } from './plan-state';
import { repairPlan } from './repair';
import { createRng } from './rng';
import { createEngineContext } from './route-data';
import { eliminateRoutes } from './route-elimination';
import { improvePinnedDrops } from './pinned-drops';

export interface SolveOptions {
  /** Wall-clock budget of the search. Default 1000 ms. */
  readonly timeBudgetMs?: number;
  /** Iteration cap; with it alone (timeBudgetMs: Infinity) the result is reproducible. */
  readonly maxIterations?: number;
  readonly seed?: number;
  /** Starting stop sequences per vehicle id (e.g. the current plan). */
  readonly initialRoutes?: Readonly<Record<string, readonly StopRef[]>>;
  /** Clock in ms; injectable for tests. */
  readonly now?: () => number;
  /**
   * For 'vehicles-then-distance': share of the budget spent removing routes before
   * minimising distance. Default 0.6.
   */
  readonly routeEliminationShare?: number;
  /** Advanced: ALNS parameters (acceptance temperature, destroy sizes). */
  readonly tuning?: Partial<AlnsTuning>;
}

/**
 * Plans all requests of a problem: regret insertion, then (for the lexicographic objective)
 * route elimination, then ALNS on the objective. Anytime within the budget.
 */
export function solve(problem: RoutingProblem, options: SolveOptions = {}): RoutingSolution {
  const now = options.now ?? (() => Date.now());
  const started = now();
  const budgetMs = options.timeBudgetMs ?? 1000;
  const deadline = started + budgetMs;
  const maxIterations = options.maxIterations ?? Infinity;
  if (!Number.isFinite(budgetMs) && !Number.isFinite(maxIterations))
    throw new Error('solve needs a finite timeBudgetMs or maxIterations');
  const rng = createRng(options.seed ?? 1);
  const p = compileProblem(problem);
  const ctx = createEngineContext(p);
  let plan = initialPlan(ctx, options.initialRoutes);
  repairPlan(ctx, plan, 2, 0, rng);
  const share = problem.objective.kind === 'vehicles-then-distance' ? (options.routeEliminationShare ?? 0.6) : 0;
  const elimIterations = Number.isFinite(maxIterations) ? Math.floor(share * maxIterations) : Infinity;
  if (share > 0) {
    const elimBudget: SearchBudget = {
      deadline: Number.isFinite(deadline) ? started + share * budgetMs : Infinity,
      maxIterations: elimIterations,
      now,
    };
    plan = eliminateRoutes(ctx, plan, elimBudget, rng);
  }
  const alnsIterations = Number.isFinite(maxIterations) ? maxIterations - elimIterations : Infinity;
  const result = runAlns(ctx, plan, { deadline, maxIterations: alnsIterations, now }, rng, {
    ...DEFAULT_TUNING,
    ...options.tuning,
  });
  const best = planCost(ctx, result.best) <= planCost(ctx, plan) ? result.best : plan;
  improvePinnedDrops(ctx, best);
  return { ...solutionOf(ctx, best), searchIterations: result.iterations };
}
