import { euclideanMatrix } from '@app/dispatch';
import { buildLuggageState, insertLuggageJob, LuggageJob, replanLuggageDay } from './luggage-day';

// Locations on a line, 1 unit = 1 s: 0 = hub, 1..4 = hotels, 5 = airport.
const travel = euclideanMatrix([[0, 0], [100, 0], [200, 0], [300, 0], [400, 0], [1000, 0]]);
const job = (id: string, pickup: number, extra: Partial<LuggageJob> = {}): LuggageJob => ({
  id, pickup, dropoff: 5, bags: 2, pickupFrom: 0, pickupTo: 5000, deliverFrom: 0, deadline: 20_000, phase: 'open', vehicleId: null, ...extra,
});
const van = (id: string, bagSlots = 24) => ({ id, bagSlots, start: 0, end: 0, earliest: 0, latest: 50_000 });

describe('luggage day planning (pure)', () => {
  it('plans every job before its deadline within the bag slots', () => {
    const jobs = [job('a', 1), job('b', 2), job('c', 3), job('d', 4)];
    const plan = replanLuggageDay({ jobs, vans: [van('v1', 4), van('v2', 4)], travel, serviceS: 10 }, { timeBudgetMs: Infinity, maxIterations: 200 });
    expect(plan.unplanned).toEqual([]);
    for (const p of plan.planned.values()) expect(p.late).toBe(false);
    for (const r of plan.routes) for (const s of r.stops) expect(s.loadAfter[1]).toBeLessThanOrEqual(4);
  });

  it('refuses to insert a job whose deadline no van can meet, and names why', () => {
    const outcome = insertLuggageJob({ jobs: [job('a', 1), job('late', 4, { deadline: 500 })], vans: [van('v1')], travel, serviceS: 10 }, 'late');
    expect(outcome.plan).toBeNull();
    expect(outcome.code).toMatch(/WINDOW|SHIFT_END/);
  });

  it('keeps bags already on board on their van, delivered even when late (flagged, not dropped)', () => {
    const onBoard = job('carried', 4, { phase: 'on_board', vehicleId: 'v2', deadline: 100 });
    const state = buildLuggageState({ jobs: [onBoard, job('a', 1)], vans: [van('v1'), van('v2')], travel, serviceS: 10 });
    expect(state.vehicles.find((v) => v.id === 'v2')!.onBoard).toHaveLength(1);
    const plan = replanLuggageDay({ jobs: [onBoard, job('a', 1)], vans: [van('v1'), van('v2')], travel, serviceS: 10 }, { timeBudgetMs: Infinity, maxIterations: 50 });
    expect(plan.planned.get('carried')).toMatchObject({ vehicleId: 'v2', late: true });
  });
});
