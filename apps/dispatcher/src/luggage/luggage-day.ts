import { insertRequest, LiveState, OnBoardRider, reoptimize, RoutePlan, RoutingSolution, StopRef, TransportRequest, TravelMatrix, Vehicle } from '@app/dispatch';

/**
 * Pure model of one luggage day for the engine (no I/O): shared by the planner, the planning
 * test and the bench. Times are engine seconds; loads are [seats, bags, wheelchairs] like the
 * shared fleet seam, with luggage using the bags dimension only.
 */
export type LuggageJobPhase = 'open' | 'committed' | 'on_board';

export interface LuggageJob {
  id: string;
  pickup: number;
  dropoff: number;
  bags: number;
  pickupFrom: number;
  pickupTo: number;
  deliverFrom: number;
  /** Hard for open jobs; for jobs already under way lateness is measured after planning. */
  deadline: number;
  phase: LuggageJobPhase;
  /** Committed and on-board jobs stay on their van. */
  vehicleId: string | null;
}

export interface LuggageVan {
  id: string;
  bagSlots: number;
  start: number;
  end: number;
  /** Earliest departure (shift start or now) and end of shift. */
  earliest: number;
  latest: number;
}

export interface LuggageDayInput {
  jobs: LuggageJob[];
  vans: LuggageVan[];
  travel: TravelMatrix;
  serviceS: number;
  /** Current stop order per van (job ids with kinds). */
  routes?: Record<string, StopRef[]>;
}

function request(job: LuggageJob, serviceS: number): TransportRequest {
  const underway = job.phase !== 'open';
  return {
    id: job.id,
    pickup: { location: job.pickup, window: { earliest: job.pickupFrom, latest: underway ? Infinity : job.pickupTo }, serviceTime: serviceS },
    dropoff: { location: job.dropoff, window: { earliest: job.deliverFrom, latest: underway ? Infinity : job.deadline }, serviceTime: serviceS },
    load: [0, job.bags, 0],
  };
}

/** LiveState of the day: jobs under way stay on their vans; open jobs carry hard windows. */
export function buildLuggageState(input: LuggageDayInput): LiveState {
  const jobsByVan = new Map<string, LuggageJob[]>();
  for (const j of input.jobs) if (j.vehicleId && j.phase !== 'open') jobsByVan.set(j.vehicleId, [...(jobsByVan.get(j.vehicleId) ?? []), j]);
  const requests: TransportRequest[] = [];
  const routes: Record<string, StopRef[]> = {};
  const known = new Set(input.jobs.map((j) => j.id));
  const vehicles: Vehicle[] = input.vans.map((van) => {
    const mine = jobsByVan.get(van.id) ?? [];
    const onBoard: OnBoardRider[] = mine.filter((j) => j.phase === 'on_board').map((j) => ({ request: request(j, input.serviceS), pickupEndedAt: van.earliest }));
    const committed = mine.find((j) => j.phase === 'committed');
    // Keep the previous order of this van's stops, then add what it must still do.
    const order = (input.routes?.[van.id] ?? []).filter((s) => known.has(s.requestId));
    const stops: StopRef[] = [];
    const has = (s: StopRef) => stops.some((x) => x.requestId === s.requestId && x.kind === s.kind);
    if (committed) stops.push({ requestId: committed.id, kind: 'pickup' });
    for (const s of order) {
      const job = input.jobs.find((j) => j.id === s.requestId)!;
      if (job.phase === 'on_board' && s.kind === 'pickup') continue;
      if (job.phase !== 'open' && job.vehicleId !== van.id) continue;
      if (!has(s)) stops.push(s);
    }
    for (const j of mine) {
      if (j.phase === 'committed' && !has({ requestId: j.id, kind: 'dropoff' })) stops.push({ requestId: j.id, kind: 'dropoff' });
      if (j.phase === 'on_board' && !has({ requestId: j.id, kind: 'dropoff' })) stops.push({ requestId: j.id, kind: 'dropoff' });
    }
    // An open job's stops must both be present or both absent.
    const complete = stops.filter((s) => {
      const job = input.jobs.find((j) => j.id === s.requestId)!;
      if (job.phase !== 'open') return true;
      return stops.some((x) => x.requestId === s.requestId && x.kind !== s.kind);
    });
    routes[van.id] = complete;
    return {
      id: van.id,
      capacity: [99, van.bagSlots, 0],
      start: { location: van.start, earliest: van.earliest },
      end: { location: van.end, latest: van.latest },
      onBoard,
      committedNextStop: committed ? { requestId: committed.id, kind: 'pickup' } : undefined,
    };
  });
  for (const j of input.jobs) if (j.phase !== 'on_board') requests.push(request(j, input.serviceS));
  return { vehicles, requests, routes, travel: input.travel };
}

export interface PlannedJob {
  jobId: string;
  vehicleId: string;
  pickupAt: number | null;
  deliveryAt: number;
  late: boolean;
}

export interface LuggageDayPlan {
  state: LiveState;
  planned: Map<string, PlannedJob>;
  /** Jobs no van can serve within their windows: flagged, never dropped silently. */
  unplanned: string[];
  routes: RoutePlan[];
  distance: number;
}

function readPlan(input: LuggageDayInput, state: LiveState, routes: readonly RoutePlan[]): LuggageDayPlan {
  const jobs = new Map(input.jobs.map((j) => [j.id, j]));
  const planned = new Map<string, PlannedJob>();
  for (const route of routes) {
    for (const stop of route.stops) {
      const job = jobs.get(stop.requestId)!;
      const entry = planned.get(job.id) ?? { jobId: job.id, vehicleId: route.vehicleId, pickupAt: null, deliveryAt: NaN, late: false };
      if (stop.kind === 'pickup') entry.pickupAt = stop.serviceStart;
      else {
        entry.deliveryAt = stop.serviceStart;
        entry.late = stop.serviceStart > job.deadline + 1e-6;
      }
      planned.set(job.id, entry);
    }
  }
  const unplanned = input.jobs.filter((j) => !planned.has(j.id)).map((j) => j.id);
  return { state, planned, unplanned, routes: [...routes], distance: routes.reduce((s, r) => s + r.distance, 0) };
}

/** Re-plans the whole day (ALNS within the budget). */
export function replanLuggageDay(input: LuggageDayInput, options: { timeBudgetMs: number; seed?: number; maxIterations?: number }): LuggageDayPlan {
  const state = buildLuggageState(input);
  const result: { state: LiveState; solution: RoutingSolution } = reoptimize(state, {
    timeBudgetMs: options.timeBudgetMs,
    seed: options.seed ?? 1,
    maxIterations: options.maxIterations,
    unservedPenalty: 1e7,
  });
  return readPlan(input, result.state, result.solution.routes);
}

/**
 * Adds one open job to the current plans without moving the others. Returns null with the
 * engine's code when no van can take it in time.
 */
export function insertLuggageJob(input: LuggageDayInput, jobId: string): { plan: LuggageDayPlan; code: null } | { plan: null; code: string; reason: string } {
  const job = input.jobs.find((j) => j.id === jobId)!;
  const others = { ...input, jobs: input.jobs.filter((j) => j.id !== jobId) };
  const state = buildLuggageState(others);
  const outcome = insertRequest(state, request(job, input.serviceS));
  if (!outcome.accepted) return { plan: null, code: outcome.code, reason: outcome.reason };
  // Re-time every van from the new state so all planned times are current.
  const next = { ...input, routes: { ...outcome.state.routes } as Record<string, StopRef[]> };
  const timed = replanLuggageDay(next, { timeBudgetMs: 0, maxIterations: 0 });
  return { plan: timed, code: null };
}
