import { checkSolution } from './check-solution';
import { RoutingProblem } from './model';
import { createRng } from './rng';
import { solve } from './solve';
import { randomProblem } from './testing/random-problem';

function loosen(problem: RoutingProblem): RoutingProblem {
  // random problems are tight on purpose; give the fleet enough room to serve everyone mostly
  return {
    ...problem,
    vehicles: problem.vehicles.map((v) => ({ ...v, end: { ...v.end, latest: 400 }, maxRouteDuration: undefined })),
  };
}

describe('solve', () => {
  it('returns plans the independent checker accepts, unserved requests listed', () => {
    const rng = createRng(3);
    for (let t = 0; t < 30; t++) {
      const problem = loosen(randomProblem(rng, 6 + rng.int(6), 3));
      const solution = solve(problem, { timeBudgetMs: Infinity, maxIterations: 150, seed: t });
      const check = checkSolution(problem, solution, { requireAllServed: false });
      expect(check.violations).toEqual([]);
      expect(check.distance).toBeCloseTo(solution.distance, 6);
      const served = new Set(solution.routes.flatMap((r) => r.stops.map((s) => s.requestId)));
      expect(served.size + solution.unassigned.length).toBe(problem.requests.length);
    }
  });

  it('is reproducible for a seed and an iteration limit', () => {
    const problem = loosen(randomProblem(createRng(5), 12, 3));
    const a = solve(problem, { timeBudgetMs: Infinity, maxIterations: 300, seed: 42 });
    const b = solve(problem, { timeBudgetMs: Infinity, maxIterations: 300, seed: 42 });
    expect(b).toEqual(a);
  });

  it('ranks vehicles first under the lexicographic objective', () => {
    // four requests at one far point: one vehicle can serve them all, at some extra distance
    const points = [
      [0, 0],
      [10, 0],
      [10, 1],
      [10, 2],
      [10, 3],
      [11, 0],
      [11, 1],
      [11, 2],
      [11, 3],
    ];
    const size = points.length;
    const m = new Float64Array(size * size);
    points.forEach((a, i) => points.forEach((b, j) => (m[i * size + j] = Math.hypot(a[0] - b[0], a[1] - b[1]))));
    const problem: RoutingProblem = {
      requests: [1, 2, 3, 4].map((k) => ({
        id: `r${k}`,
        pickup: { location: k, window: { earliest: 0, latest: 100 }, serviceTime: 1 },
        dropoff: { location: k + 4, window: { earliest: 0, latest: 100 }, serviceTime: 1 },
        load: [1],
      })),
      vehicles: [0, 1, 2, 3].map((k) => ({
        id: `v${k}`,
        capacity: [4],
        start: { location: 0, earliest: 0 },
        end: { location: 0, latest: 200 },
      })),
      travel: { size, time: m, distance: m },
      objective: { kind: 'vehicles-then-distance' },
    };
    const solution = solve(problem, { timeBudgetMs: Infinity, maxIterations: 200, seed: 1 });
    expect(solution.vehiclesUsed).toBe(1);
    expect(checkSolution(problem, solution).feasible).toBe(true);
  });

  it('stops when its time budget ends and returns the best plan found so far', () => {
    const problem = loosen(randomProblem(createRng(8), 14, 3));
    let clock = 0;
    const now = (): number => (clock += 1); // every look at the clock costs 1 ms
    const solution = solve(problem, { timeBudgetMs: 300, seed: 3, now });
    expect(clock).toBeLessThan(400);
    expect(solution.searchIterations).toBeGreaterThan(0);
    expect(checkSolution(problem, solution, { requireAllServed: false }).violations).toEqual([]);
  });

  it('refuses to run without any limit', () => {
    const problem = loosen(randomProblem(createRng(8), 4, 1));
    expect(() => solve(problem, { timeBudgetMs: Infinity })).toThrow(/finite/);
  });
});
