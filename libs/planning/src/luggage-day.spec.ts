import { euclideanMatrix } from '@app/dispatch';
import { buildLuggageState, insertLuggageJob, LuggageJob, replanLuggageDay } from './luggage-day';

// Locations on a line, 1 unit = 1 s: 0 = hub, 1..4 = hotels, 5 = airport.
const travel = euclideanMatrix([
  [0, 0],
  [100, 0],
  [200, 0],
  [300, 0],
  [400, 0],
  [1000, 0],
]);
const job = (id: string, pickup: number, extra: Partial<LuggageJob> = {}): LuggageJob => ({
  id,
  pickup,
  dropoff: 5,
  bags: 2,
  pickupFrom: 0,
  pickupTo: 5000,
  deliverFrom: 0,
  deadline: 20_000,
  phase: 'open',
  vehicleId: null,
  ...extra,
});
const van = (id: string, bagSlots = 24) => ({
  id,
  bagSlots,
  start: 0,
  end: 0,
  shifts: [{ id: `${id}-day`, start: 0, end: 50_000 }],
});

describe('luggage day planning (pure)', () => {
  it('plans every job before its deadline within the bag slots', () => {
    const jobs = [job('a', 1), job('b', 2), job('c', 3), job('d', 4)];
    const plan = replanLuggageDay(
      { jobs, vans: [van('v1', 4), van('v2', 4)], travel, serviceS: 10 },
      { timeBudgetMs: Infinity, maxIterations: 200 },
    );
    expect(plan.unplanned).toEqual([]);
    for (const p of plan.planned.values()) expect(p.late).toBe(false);
    for (const r of plan.routes) for (const s of r.stops) expect(s.loadAfter[1]).toBeLessThanOrEqual(4);
  });

  it('refuses to insert a job whose deadline no van can meet, and names why', () => {
    const outcome = insertLuggageJob(
      { jobs: [job('a', 1), job('late', 4, { deadline: 500 })], vans: [van('v1')], travel, serviceS: 10 },
      'late',
    );
    expect(outcome.plan).toBeNull();
    expect(outcome.code).toMatch(/WINDOW|SHIFT_END/);
  });

  it('keeps bags already on board on their van, delivered even when late (flagged, not dropped)', () => {
    const onBoard = job('carried', 4, { phase: 'on_board', vehicleId: 'v2', deadline: 100 });
    const state = buildLuggageState({
      jobs: [onBoard, job('a', 1)],
      vans: [van('v1'), van('v2')],
      travel,
      serviceS: 10,
    });
    expect(state.vehicles.find((v) => v.id === 'v2#0')!.onBoard).toHaveLength(1);
    const plan = replanLuggageDay(
      { jobs: [onBoard, job('a', 1)], vans: [van('v1'), van('v2')], travel, serviceS: 10 },
      { timeBudgetMs: Infinity, maxIterations: 50 },
    );
    expect(plan.planned.get('carried')).toMatchObject({ vehicleId: 'v2', late: true });
  });
});

describe('luggage day planning across several shifts and breaks (pure)', () => {
  // One van, two shifts: A 0–3000 and B 10 000–30 000 with a break 15 000–17 000 (at home).
  const twoShiftVan = () => ({
    id: 'v1',
    bagSlots: 24,
    start: 0,
    end: 0,
    shifts: [
      { id: 'A', start: 0, end: 3000 },
      { id: 'B', start: 10_000, end: 30_000, breaks: [{ start: 15_000, end: 17_000 }] },
    ],
  });
  const jobs = [
    job('early', 1, { pickupFrom: 100, pickupTo: 1000, deadline: 2500 }),
    job('night', 2, { pickupFrom: 11_000, pickupTo: 12_000, deadline: 20_000 }),
    // Served before the break it would bring the van home at 15 920: only after the break fits.
    job('around-break', 1, { pickupFrom: 14_000, pickupTo: 18_000, deadline: 25_000 }),
    // Its pickup window ends within the break and the van cannot be home again by 15 000.
    job('in-break', 1, { pickupFrom: 14_000, pickupTo: 16_000, deadline: 16_900 }),
  ];

  it('plans each job in the shift that covers it, keeps the break free, and flags what only the break could serve', () => {
    const plan = replanLuggageDay(
      { jobs, vans: [twoShiftVan()], travel, serviceS: 10 },
      { timeBudgetMs: Infinity, maxIterations: 300 },
    );
    expect(plan.unplanned).toEqual(['in-break']);
    expect(plan.planned.get('early')).toMatchObject({ vehicleId: 'v1', shiftId: 'A', late: false });
    expect(plan.planned.get('night')).toMatchObject({ vehicleId: 'v1', shiftId: 'B', late: false });
    expect(plan.planned.get('night')!.pickupAt).toBeGreaterThanOrEqual(11_000);
    expect(plan.planned.get('around-break')).toMatchObject({ vehicleId: 'v1', shiftId: 'B', late: false });
    expect(plan.planned.get('around-break')!.pickupAt).toBeGreaterThanOrEqual(17_000 + 100);
    // One route per van, its stops of every shift in time order; nothing is served in the break.
    expect(plan.routes.map((r) => r.vehicleId)).toEqual(['v1']);
    const times = plan.routes[0].stops.map((s) => s.serviceStart);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const s of plan.routes[0].stops) expect(s.serviceStart < 15_000 || s.serviceStart >= 17_000).toBe(true);
    expect(plan.routes[0].stops).toHaveLength(6);
  });

  it('inserts a night booking into the later shift of a van instead of refusing it at the first shift end', () => {
    const outcome = insertLuggageJob(
      { jobs: [jobs[0], jobs[1]], vans: [twoShiftVan()], travel, serviceS: 10 },
      'night',
    );
    expect(outcome.code).toBeNull();
    expect(outcome.plan!.planned.get('night')).toMatchObject({ vehicleId: 'v1', shiftId: 'B', late: false });
  });

  it('plans nothing into shifts already over', () => {
    const plan = replanLuggageDay(
      { jobs: [jobs[1]], vans: [twoShiftVan()], travel, serviceS: 10, now: 5000 },
      { timeBudgetMs: Infinity, maxIterations: 50 },
    );
    expect(plan.planned.get('night')).toMatchObject({ shiftId: 'B' });
    const early = replanLuggageDay(
      { jobs: [jobs[0]], vans: [twoShiftVan()], travel, serviceS: 10, now: 5000 },
      { timeBudgetMs: Infinity, maxIterations: 50 },
    );
    expect(early.unplanned).toEqual(['early']);
  });
});
