import {
  insertRequest,
  LiveState,
  OnBoardRider,
  reoptimize,
  RoutePlan,
  RoutingSolution,
  StopRef,
  TransportRequest,
  TravelMatrix,
  Vehicle,
} from '@app/dispatch';

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
  /** When its current plan serves it (engine time): tells which of the van's stretches it is in. */
  plannedAt?: number;
}

/** A courier's shift on a van; breaks are spent at the van's home, with no work. */
export interface LuggageShift {
  /** Opaque id handed back on every job planned in it (the caller's shift row, say). */
  id: string;
  start: number;
  end: number;
  breaks?: readonly { start: number; end: number }[];
}

export interface LuggageVan {
  id: string;
  bagSlots: number;
  /** Where the van is now (or its home), and its home, where every working stretch ends. */
  start: number;
  end: number;
  /** The day's shifts of this van, in any order; they must not overlap. */
  shifts: readonly LuggageShift[];
}

export interface LuggageDayInput {
  jobs: LuggageJob[];
  vans: LuggageVan[];
  travel: TravelMatrix;
  serviceS: number;
  /** Current stop order per van (job ids with kinds), across all its shifts. */
  routes?: Record<string, StopRef[]>;
  /** Engine time of now: stretches over by then are gone, the current one starts here. Default: none is over. */
  now?: number;
}

/**
 * One working stretch of a van: a shift cut at its breaks. The engine plans each as a vehicle of
 * its own that leaves home (the first: from where the van is) and is back home by its end, so a
 * break finds the van at home and work of a later shift is planned in that shift.
 */
export interface VanStretch {
  engineId: string;
  vanId: string;
  shiftId: string;
  earliest: number;
  latest: number;
}

/** The stretches of every van still ahead of `now`, each van's in time order. */
export function vanStretches(input: Pick<LuggageDayInput, 'vans' | 'now'>): VanStretch[] {
  const now = input.now ?? -Infinity;
  const out: VanStretch[] = [];
  for (const van of input.vans) {
    const pieces: { shiftId: string; earliest: number; latest: number }[] = [];
    for (const shift of van.shifts) {
      const breaks = [...(shift.breaks ?? [])].sort((a, b) => a.start - b.start);
      let from = shift.start;
      for (const b of breaks) {
        if (b.end <= from || b.start >= shift.end) continue;
        if (b.start > from) pieces.push({ shiftId: shift.id, earliest: from, latest: b.start });
        from = Math.max(from, b.end);
      }
      if (from < shift.end) pieces.push({ shiftId: shift.id, earliest: from, latest: shift.end });
    }
    pieces.sort((a, b) => a.earliest - b.earliest);
    for (const piece of pieces) {
      if (piece.latest <= now) continue;
      out.push({
        engineId: `${van.id}#${out.filter((x) => x.vanId === van.id).length}`,
        vanId: van.id,
        earliest: Math.max(piece.earliest, now),
        latest: piece.latest,
        shiftId: piece.shiftId,
      });
    }
  }
  return out;
}

/**
 * The given per-van stop order split over the van's stretches: jobs under way go to its current
 * (first) stretch; an open job to the stretch its planned time (else its pickup window) falls in.
 */
function stretchRoutes(input: LuggageDayInput, stretches: readonly VanStretch[]): Record<string, StopRef[]> {
  const jobs = new Map(input.jobs.map((j) => [j.id, j]));
  const out: Record<string, StopRef[]> = {};
  for (const s of stretches) out[s.engineId] = [];
  const byVan = new Map<string, VanStretch[]>();
  for (const s of stretches) byVan.set(s.vanId, [...(byVan.get(s.vanId) ?? []), s]);
  const home = (job: LuggageJob, mine: VanStretch[]): VanStretch => {
    if (job.phase !== 'open') return mine[0];
    const at = job.plannedAt ?? job.pickupFrom;
    return (
      mine.find(
        (s) => at <= s.latest && (job.plannedAt !== undefined ? at >= s.earliest : job.pickupTo >= s.earliest),
      ) ?? mine[mine.length - 1]
    );
  };
  for (const [vanId, order] of Object.entries(input.routes ?? {})) {
    const mine = byVan.get(vanId);
    if (!mine) {
      if (vanId in out) out[vanId] = [...order]; // already per stretch (the engine's own routes)
      continue;
    }
    for (const stop of order) {
      const job = jobs.get(stop.requestId);
      if (job) out[home(job, mine).engineId].push(stop);
    }
  }
  return out;
}

function request(job: LuggageJob, serviceS: number): TransportRequest {
  const underway = job.phase !== 'open';
  return {
    id: job.id,
    pickup: {
      location: job.pickup,
      window: { earliest: job.pickupFrom, latest: underway ? Infinity : job.pickupTo },
      serviceTime: serviceS,
    },
    dropoff: {
      location: job.dropoff,
      window: { earliest: job.deliverFrom, latest: underway ? Infinity : job.deadline },
      serviceTime: serviceS,
    },
    load: [0, job.bags, 0],
  };
}

/**
 * LiveState of the day, one engine vehicle per van stretch: jobs under way stay on their van's
 * current stretch; open jobs carry hard windows. `input.routes` may be keyed by van or by stretch.
 */
export function buildLuggageState(input: LuggageDayInput): LiveState {
  const stretches = vanStretches(input);
  const vanOf = new Map(input.vans.map((v) => [v.id, v]));
  const given = stretchRoutes(input, stretches);
  const current = new Map<string, string>();
  for (const s of stretches) if (!current.has(s.vanId)) current.set(s.vanId, s.engineId);
  const jobsByStretch = new Map<string, LuggageJob[]>();
  for (const j of input.jobs) {
    const at = j.vehicleId && j.phase !== 'open' ? current.get(j.vehicleId) : undefined;
    if (at) jobsByStretch.set(at, [...(jobsByStretch.get(at) ?? []), j]);
  }
  const requests: TransportRequest[] = [];
  const routes: Record<string, StopRef[]> = {};
  const jobOf = new Map(input.jobs.map((j) => [j.id, j]));
  const vehicles: Vehicle[] = stretches.map((stretch) => {
    const van = vanOf.get(stretch.vanId)!;
    const first = current.get(van.id) === stretch.engineId;
    const mine = jobsByStretch.get(stretch.engineId) ?? [];
    const onBoard: OnBoardRider[] = mine
      .filter((j) => j.phase === 'on_board')
      .map((j) => ({ request: request(j, input.serviceS), pickupEndedAt: stretch.earliest }));
    const committed = mine.find((j) => j.phase === 'committed');
    // Keep the previous order of this stretch's stops, then add what it must still do.
    const order = (given[stretch.engineId] ?? []).filter((s) => jobOf.has(s.requestId));
    const stops: StopRef[] = [];
    const has = (s: StopRef) => stops.some((x) => x.requestId === s.requestId && x.kind === s.kind);
    if (committed) stops.push({ requestId: committed.id, kind: 'pickup' });
    for (const s of order) {
      const job = jobOf.get(s.requestId)!;
      if (job.phase === 'on_board' && s.kind === 'pickup') continue;
      if (job.phase !== 'open' && (job.vehicleId !== van.id || !first)) continue;
      if (!has(s)) stops.push(s);
    }
    for (const j of mine) {
      if (j.phase === 'committed' && !has({ requestId: j.id, kind: 'dropoff' }))
        stops.push({ requestId: j.id, kind: 'dropoff' });
      if (j.phase === 'on_board' && !has({ requestId: j.id, kind: 'dropoff' }))
        stops.push({ requestId: j.id, kind: 'dropoff' });
    }
    // An open job's stops must both be present or both absent.
    const complete = stops.filter((s) => {
      const job = jobOf.get(s.requestId)!;
      if (job.phase !== 'open') return true;
      return stops.some((x) => x.requestId === s.requestId && x.kind !== s.kind);
    });
    routes[stretch.engineId] = complete;
    return {
      id: stretch.engineId,
      capacity: [99, van.bagSlots, 0],
      start: { location: first ? van.start : van.end, earliest: stretch.earliest },
      end: { location: van.end, latest: stretch.latest },
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
  /** The van's shift it is planned in (LuggageShift.id): who carries it. */
  shiftId: string;
  pickupAt: number | null;
  deliveryAt: number;
  late: boolean;
}

export interface LuggageDayPlan {
  /** The engine's state: one vehicle per van stretch. */
  state: LiveState;
  planned: Map<string, PlannedJob>;
  /** Jobs no van can serve within their windows: flagged, never dropped silently. */
  unplanned: string[];
  /** One route per van (every van of the input with a stretch left), its stretches' stops in order. */
  routes: RoutePlan[];
  distance: number;
}

function readPlan(input: LuggageDayInput, state: LiveState, routes: readonly RoutePlan[]): LuggageDayPlan {
  const jobs = new Map(input.jobs.map((j) => [j.id, j]));
  const stretchOf = new Map(vanStretches(input).map((s) => [s.engineId, s]));
  const planned = new Map<string, PlannedJob>();
  const byVan = new Map<string, RoutePlan[]>();
  for (const route of routes) {
    const stretch = stretchOf.get(route.vehicleId)!;
    byVan.set(stretch.vanId, [...(byVan.get(stretch.vanId) ?? []), route]);
    for (const stop of route.stops) {
      const job = jobs.get(stop.requestId)!;
      const entry = planned.get(job.id) ?? {
        jobId: job.id,
        vehicleId: stretch.vanId,
        shiftId: stretch.shiftId,
        pickupAt: null,
        deliveryAt: NaN,
        late: false,
      };
      if (stop.kind === 'pickup') entry.pickupAt = stop.serviceStart;
      else {
        entry.deliveryAt = stop.serviceStart;
        entry.late = stop.serviceStart > job.deadline + 1e-6;
      }
      planned.set(job.id, entry);
    }
  }
  // Stretches are in time order per van and each ends at home: their stops concatenate.
  const vanRoutes: RoutePlan[] = [...byVan].map(([vanId, parts]) => {
    const used = parts.filter((r) => r.stops.length > 0);
    return {
      vehicleId: vanId,
      startTime: (used[0] ?? parts[0]).startTime,
      stops: parts.flatMap((r) => r.stops),
      endTime: (used[used.length - 1] ?? parts[0]).endTime,
      distance: parts.reduce((sum, r) => sum + r.distance, 0),
      driveTime: parts.reduce((sum, r) => sum + r.driveTime, 0),
    };
  });
  const unplanned = input.jobs.filter((j) => !planned.has(j.id)).map((j) => j.id);
  return { state, planned, unplanned, routes: vanRoutes, distance: routes.reduce((sum, r) => sum + r.distance, 0) };
}

/** Re-plans the whole day (ALNS within the budget). */
export function replanLuggageDay(
  input: LuggageDayInput,
  options: { timeBudgetMs: number; seed?: number; maxIterations?: number },
): LuggageDayPlan {
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
export function insertLuggageJob(
  input: LuggageDayInput,
  jobId: string,
): { plan: LuggageDayPlan; code: null } | { plan: null; code: string; reason: string } {
  const job = input.jobs.find((j) => j.id === jobId)!;
  const others = { ...input, jobs: input.jobs.filter((j) => j.id !== jobId) };
  const state = buildLuggageState(others);
  const outcome = insertRequest(state, request(job, input.serviceS));
  if (!outcome.accepted) return { plan: null, code: outcome.code, reason: outcome.reason };
  // Re-time every van from the new state (routes per stretch) so all planned times are current.
  const next = { ...input, routes: { ...outcome.state.routes } as Record<string, StopRef[]> };
  const timed = replanLuggageDay(next, { timeBudgetMs: 0, maxIterations: 0 });
  return { plan: timed, code: null };
}
