export * from './model';
export * from './travel-time';
export { solve, SolveOptions } from './solve';
export { checkSolution, isSequenceSchedulable, CheckOptions, CheckResult } from './check-solution';
export {
  LiveState,
  LiveOptions,
  InsertionOutcome,
  ReoptimizeOptions,
  insertRequest,
  removeRequest,
  reoptimize,
  computeRouteSchedule,
} from './live';
export { createRng, Rng } from './rng';
export type { AlnsTuning } from './alns';
