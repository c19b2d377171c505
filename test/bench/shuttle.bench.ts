/**
 * Live insertion benchmark: 1,000 shuttle requests inserted one by one into the plans of 20
 * vans driving in Geomdan, the clock advancing between requests (stops done are executed,
 * riders board, the stop being driven to becomes the committed next stop).
 * `npm run bench:shuttle -- [--requests N] [--vans N] [--seed N] [--reoptimize-every N]`
 * Reports p50/p99 milliseconds per insertRequest call and checks the final live plan.
 */
import {
  LiveState,
  OnBoardRider,
  RoutePlan,
  StopRef,
  TransportRequest,
  Vehicle,
  checkSolution,
  computeRouteSchedule,
  createRng,
  haversineMatrix,
  insertRequest,
  matrixFromRows,
  reoptimize,
} from '@app/dispatch';

function arg(name: string, fallback: number): number {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? Number(process.argv[k + 1]) : fallback;
}

const REQUESTS = arg('requests', 1000);
const VANS = arg('vans', 20);
const SEED = arg('seed', 1);
const REOPT_EVERY = arg('reoptimize-every', 0);
const rng = createRng(SEED);
const DAY_START = 7 * 3600;
const DAY_END = 19 * 3600;
const center = { lat: 37.5947, lng: 126.6727 };

function randomPoint(): { lat: number; lng: number } {
  // within about 5 km of the centre
  const r = 0.045 * Math.sqrt(rng.next());
  const a = 2 * Math.PI * rng.next();
  return {
    lat: center.lat + r * Math.cos(a),
    lng: center.lng + (r * Math.sin(a)) / Math.cos((center.lat * Math.PI) / 180),
  };
}

// locations: 0 = depot, 1.. = pickup/drop-off points of the requests
const points = [center];
for (let k = 0; k < REQUESTS; k++) points.push(randomPoint(), randomPoint());
const rows = haversineMatrix(points, new Date('2026-03-02T12:00:00+09:00'));
const travel = matrixFromRows(rows.seconds, rows.meters);
const t = (a: number, b: number): number => travel.time[a * travel.size + b];

const requests: { at: number; request: TransportRequest }[] = [];
for (let k = 0; k < REQUESTS; k++) {
  const at = DAY_START + ((DAY_END - 2 * 3600 - DAY_START) * k) / REQUESTS;
  const from = 1 + 2 * k;
  const to = 2 + 2 * k;
  const direct = t(from, to);
  const wheelchair = rng.next() < 0.05 ? 1 : 0;
  const earliest = at + 300 + rng.int(4) * 300;
  requests.push({
    at,
    request: {
      id: `q${k}`,
      pickup: { location: from, window: { earliest, latest: earliest + 900 }, serviceTime: 60 },
      dropoff: { location: to, window: { earliest: 0, latest: earliest + 900 + 2 * direct + 1200 }, serviceTime: 45 },
      load: [1 + (rng.next() < 0.3 ? 1 : 0), rng.int(3), wheelchair],
      maxRideTime: 1.5 * direct + 600,
      requiredFeatures: wheelchair ? ['wheelchair'] : undefined,
    },
  });
}

let state: LiveState = {
  travel,
  requests: [],
  routes: {},
  vehicles: Array.from({ length: VANS }, (_, v): Vehicle => ({
    id: `van-${v + 1}`,
    capacity: [7, 4, v % 4 === 0 ? 1 : 0],
    features: v % 4 === 0 ? ['wheelchair'] : [],
    start: { location: 0, earliest: DAY_START },
    end: { location: 0, latest: DAY_END + 3600 },
  })),
};

/** Moves the clock to `now`: stops whose service has ended are done, the next one may be committed. */
function advance(s: LiveState, now: number): LiveState {
  const requestsById = new Map(s.requests.map((r) => [r.id, r]));
  const pickedUp = new Set<string>();
  const vehicles: Vehicle[] = [];
  const routes: Record<string, StopRef[]> = {};
  for (const v of s.vehicles) {
    const stops = s.routes[v.id] ?? [];
    const sched = computeRouteSchedule({ requests: s.requests, vehicles: s.vehicles, travel: s.travel }, v.id, stops);
    if (!sched.feasible) throw new Error(`${v.id} plan became infeasible: ${sched.code}`);
    let onBoard: OnBoardRider[] = [...(v.onBoard ?? [])];
    let location = v.start.location;
    let free = v.start.earliest;
    let k = 0;
    for (; k < sched.route.stops.length; k++) {
      const stop = sched.route.stops[k];
      if (stop.departure > now) break;
      if (stop.kind === 'pickup') {
        onBoard.push({ request: requestsById.get(stop.requestId)!, pickupEndedAt: stop.departure });
        pickedUp.add(stop.requestId);
      } else onBoard = onBoard.filter((o) => o.request.id !== stop.requestId);
      location = stop.location;
      free = stop.departure;
    }
    const rest = stops.slice(k);
    const moving = k > 0 || (v.committedNextStop !== undefined && k === 0);
    // once the van has left for its next stop, that stop cannot change any more
    const committed = rest.length > 0 && (moving || free < now) ? rest[0] : undefined;
    vehicles.push({
      ...v,
      start: { location, earliest: committed ? free : Math.max(free, now) },
      onBoard,
      committedNextStop: committed,
    });
    routes[v.id] = rest;
  }
  return { ...s, vehicles, routes, requests: s.requests.filter((r) => !pickedUp.has(r.id)) };
}

const times: number[] = [];
let accepted = 0;
const rejected = new Map<string, number>();
let reoptMs = 0;
let reoptCount = 0;
for (const [k, { at, request }] of requests.entries()) {
  state = advance(state, at);
  const t0 = process.hrtime.bigint();
  const out = insertRequest(state, request, { riderDelayWeight: 1 });
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  if (out.accepted) {
    accepted++;
    state = out.state;
  } else rejected.set(out.code, (rejected.get(out.code) ?? 0) + 1);
  if (REOPT_EVERY > 0 && (k + 1) % REOPT_EVERY === 0) {
    const r0 = process.hrtime.bigint();
    state = reoptimize(state, { timeBudgetMs: 200, seed: k }).state;
    reoptMs += Number(process.hrtime.bigint() - r0) / 1e6;
    reoptCount++;
  }
}

// The final live plan must pass the independent checker.
const problem = {
  requests: state.requests,
  vehicles: state.vehicles,
  travel: state.travel,
  objective: { kind: 'distance' as const },
};
const plans: RoutePlan[] = state.vehicles.map((v) => {
  const r = computeRouteSchedule(problem, v.id, state.routes[v.id] ?? []);
  if (!r.feasible) throw new Error(`final plan of ${v.id} infeasible: ${r.code}`);
  return r.route;
});
const check = checkSolution(problem, {
  routes: plans,
  unassigned: [],
  vehiclesUsed: plans.length,
  distance: 0,
  cost: 0,
});

const sorted = [...times].sort((a, b) => a - b);
const pct = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
console.log(`rejections ${JSON.stringify(Object.fromEntries(rejected))}`);
if (reoptCount) console.log(`reoptimize calls=${reoptCount} mean_ms=${(reoptMs / reoptCount).toFixed(1)}`);
console.log(
  `shuttle insertions=${times.length} accepted=${accepted} p50_ms=${pct(0.5).toFixed(2)} p99_ms=${pct(0.99).toFixed(2)} max_ms=${sorted[sorted.length - 1].toFixed(2)} final_plan_feasible=${check.feasible ? 'yes' : 'NO ' + check.violations.slice(0, 3).join('; ')}`,
);
// The summary line the shuttle issue asks for (kept last; scripts parse it).
console.log(
  `shuttle requests=${REQUESTS} vans=${VANS} assigned=${accepted} assign_p50_ms=${pct(0.5).toFixed(2)} assign_p99_ms=${pct(0.99).toFixed(2)}`,
);
