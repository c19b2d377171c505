/**
 * Free-Lug day benchmark: 300 bookings of one day (hotels and homes across Seoul, Gyeonggi and
 * Incheon ↔ Incheon Airport T1/T2, deadlines from flight times) over 15 courier vans leaving
 * the Yeongjong hub. In-process on the routing engine only (no database): bookings are first
 * inserted one by one as they would arrive, then the day is re-planned within the budget.
 * `npm run bench:luggage -- [--seconds S] [--seed N] [--bookings N] [--vans N]`
 * Ends with: luggage bookings=<n> vans=<n> planned=<n> late=<n> plan_s=<x> km=<x>
 * (planned = served before the deadline; late = would miss it: unplanned or planned late,
 * all of which the service flags to dispatchers; km from the engine's haversine-based matrix).
 */
import { DateTime } from 'luxon';
import { haversineMatrix, LatLng, matrixFromRows } from '@app/dispatch';
import { DEMO_PLACES } from '@app/database';
import { insertLuggageJob, LuggageDayInput, LuggageJob, replanLuggageDay } from '@app/planning';
import {
  AIRPORTS,
  FixturePlace,
  generateLuggageDay,
  mulberry32,
} from '../../libs/planning/src/testing/luggage-day-fixture';

function arg(name: string, fallback: number): number {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? Number(process.argv[k + 1]) : fallback;
}

const BOOKINGS = arg('bookings', 300);
const VANS = arg('vans', 15);
const SECONDS = arg('seconds', 20);
const SEED = arg('seed', 1);
const SERVICE_S = 300;

// Hotels of the demo catalogue, plus homes scattered around districts travellers start from.
const DISTRICTS: Array<[string, number, number]> = [
  ['jongno', 37.5735, 126.979],
  ['gangnam', 37.4979, 127.0276],
  ['mapo', 37.5563, 126.9236],
  ['yeouido', 37.5219, 126.9245],
  ['jamsil', 37.5133, 127.1001],
  ['itaewon', 37.5345, 126.9946],
  ['magok', 37.5602, 126.8254],
  ['bundang', 37.3826, 127.1188],
  ['ilsan', 37.6584, 126.7697],
  ['suwon', 37.2664, 127.0002],
  ['bupyeong', 37.4894, 126.7245],
  ['songdo', 37.3891, 126.6445],
  ['cheongna', 37.5336, 126.6561],
  ['yeongjong', 37.4921, 126.5547],
  ['bucheon', 37.5035, 126.766],
  ['gimpo', 37.6153, 126.7156],
];
const rnd = mulberry32(SEED * 7919);
const hotels: FixturePlace[] = DEMO_PLACES.filter((p) => p.area === 'freelug' && p.kind === 'hotel').map((p) => ({
  code: p.code,
  lat: p.lat,
  lng: p.lng,
}));
for (const [name, lat, lng] of DISTRICTS) {
  for (let k = 0; k < 5; k++) {
    hotels.push({ code: `home-${name}-${k}`, lat: lat + (rnd() - 0.5) * 0.03, lng: lng + (rnd() - 0.5) * 0.04 });
  }
}
const hub = DEMO_PLACES.find((p) => p.code === 'fl-depot')!;
const places: (FixturePlace & LatLng)[] = [{ code: hub.code, lat: hub.lat, lng: hub.lng }, ...AIRPORTS, ...hotels];
const index = new Map(places.map((p, i) => [p.code, i]));

const day = DateTime.fromISO('2026-03-02', { zone: 'Asia/Seoul' });
const origin = day.set({ hour: 5 }).toJSDate();
const matrixStarted = Date.now();
const raw = haversineMatrix(places, day.set({ hour: 10 }).toJSDate());
const travel = matrixFromRows(raw.seconds, raw.meters);
const matrixMs = Date.now() - matrixStarted;

const fixture = generateLuggageDay({ count: BOOKINGS, seed: SEED, day, hotels });
const t = (d: Date) => (d.getTime() - origin.getTime()) / 1000;
const jobs: LuggageJob[] = fixture.map((b) => ({
  id: b.id,
  pickup: index.get(b.origin)!,
  dropoff: index.get(b.destination)!,
  bags: b.bags.carry_on + b.bags.suitcase + b.bags.oversize,
  pickupFrom: t(b.pickupFrom),
  pickupTo: t(b.pickupTo),
  deliverFrom: t(b.deliverFrom),
  deadline: t(b.deadline),
  phase: 'open',
  vehicleId: null,
}));
const vans = Array.from({ length: VANS }, (_, k) => ({
  id: `van-${String(k + 1).padStart(2, '0')}`,
  bagSlots: k % 3 === 2 ? 30 : 24,
  start: 0,
  end: 0,
  shifts: [
    { id: `van-${k + 1}-day`, start: t(day.set({ hour: 6 }).toJSDate()), end: t(day.set({ hour: 22 }).toJSDate()) },
  ],
}));

// Phase 1: bookings arrive one by one; each is inserted into the current plans (or flagged).
const insertStarted = Date.now();
let routes: LuggageDayInput['routes'] = {};
const insertMs: number[] = [];
let rejected = 0;
for (let k = 0; k < jobs.length; k++) {
  const input: LuggageDayInput = { jobs: jobs.slice(0, k + 1), vans, travel, serviceS: SERVICE_S, routes };
  const started = Date.now();
  const outcome = insertLuggageJob(input, jobs[k].id);
  insertMs.push(Date.now() - started);
  if (outcome.plan)
    routes = Object.fromEntries(
      outcome.plan.routes.map((r) => [r.vehicleId, r.stops.map((s) => ({ requestId: s.requestId, kind: s.kind }))]),
    );
  else rejected++;
}
const insertTotalS = (Date.now() - insertStarted) / 1000;

// Phase 2: the day is re-planned within the budget (rescues flagged bookings when it can).
const replanStarted = Date.now();
const plan = replanLuggageDay(
  { jobs, vans, travel, serviceS: SERVICE_S, routes },
  { timeBudgetMs: SECONDS * 1000, seed: SEED },
);
const replanS = (Date.now() - replanStarted) / 1000;

const onTime = [...plan.planned.values()].filter((p) => !p.late).length;
const late = BOOKINGS - onTime;
const sorted = [...insertMs].sort((a, b) => a - b);
const pct = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const bags = jobs.reduce((s, j) => s + j.bags, 0);
const used = plan.routes.filter((r) => r.stops.length > 0).length;
const km = plan.distance / 1000;

process.stdout.write(
  [
    `places=${places.length} matrix_ms=${matrixMs} bags=${bags} to_airport=${fixture.filter((b) => b.direction === 'to_airport').length} from_airport=${fixture.filter((b) => b.direction === 'from_airport').length}`,
    `insertion: ${BOOKINGS} bookings one by one in ${insertTotalS.toFixed(1)} s (p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms), flagged at insertion ${rejected}`,
    `re-plan: budget ${SECONDS} s, took ${replanS.toFixed(1)} s; vans used ${used}/${VANS}; unplanned ${plan.unplanned.length}; planned late ${[...plan.planned.values()].filter((p) => p.late).length}`,
    `luggage bookings=${BOOKINGS} vans=${VANS} planned=${onTime} late=${late} plan_s=${(insertTotalS + replanS).toFixed(1)} km=${km.toFixed(1)}`,
  ].join('\n') + '\n',
);
