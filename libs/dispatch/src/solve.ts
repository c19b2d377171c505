import { DEFAULT_TUNING, runAlns, SearchBudget } from './alns';
import { compileProblem } from './compiled-problem';
import { RoutingProblem, RoutingSolution, StopRef } from './model';
import { initialPlan, solutionOf } from './plan-io';
import { planCost } from './plan-state';
import { repairPlan } from './repair';
import { createRng } from './rng';
import { createEngineContext } from './route-data';
import { eliminateRoutes } from './route-elimination';

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
  const rng = createRng(options.seed ?? 1);
  const p = compileProblem(problem);
  const ctx = createEngineContext(p);
  let plan = initialPlan(ctx, options.initialRoutes);
  repairPlan(ctx, plan, 2, 0, rng);
  if (problem.objective.kind === 'vehicles-then-distance') {
    const share = options.routeEliminationShare ?? 0.6;
    const elimBudget: SearchBudget = {
      deadline: Number.isFinite(deadline) ? started + share * budgetMs : Infinity,
      maxIterations: Number.isFinite(maxIterations) ? Math.floor(share * maxIterations) : Infinity,
      now,
    };
    plan = eliminateRoutes(ctx, plan, elimBudget, rng);
  }
  const spent = 0;
  const result = runAlns(ctx, plan, { deadline, maxIterations: maxIterations - spent, now }, rng, DEFAULT_TUNING);
  const best = planCost(ctx, result.best) <= planCost(ctx, plan) ? result.best : plan;
  return solutionOf(ctx, best);
}
