import { isSequenceSchedulable } from './check-solution';
import { compileProblem } from './compiled-problem';
import { RoutingProblem, StopRef } from './model';
import { initialPlan, nodeOfStop } from './plan-io';
import { createRng } from './rng';
import { bestInsertion, buildRoute, createEngineContext, InsertionResult } from './route-data';
import { RouteFailure, scheduleRoute } from './route-schedule';
import { randomProblem, randomSequence } from './testing/random-problem';

function loadFits(problem: RoutingProblem, seq: readonly StopRef[]): boolean {
  const vehicle = problem.vehicles[0];
  const load = vehicle.capacity.map(() => 0);
  for (const s of seq) {
    const r = problem.requests.find((x) => x.id === s.requestId)!;
    for (let d = 0; d < load.length; d++) {
      load[d] += (s.kind === 'pickup' ? 1 : -1) * (r.load[d] ?? 0);
      if (load[d] > vehicle.capacity[d]) return false;
    }
  }
  return true;
}

function distanceOf(problem: RoutingProblem, seq: readonly StopRef[]): number {
  const { size, distance } = problem.travel;
  const v = problem.vehicles[0];
  const locs = [
    v.start.location,
    ...seq.map((s) => {
      const r = problem.requests.find((x) => x.id === s.requestId)!;
      return s.kind === 'pickup' ? r.pickup.location : r.dropoff.location;
    }),
    v.end.location,
  ];
  let d = 0;
  for (let k = 1; k < locs.length; k++) d += distance[locs[k - 1] * size + locs[k]];
  return d;
}

describe('fast route feasibility', () => {
  it('agrees with Bellman–Ford on the difference constraints for thousands of random sequences', () => {
    const rng = createRng(7);
    let feasible = 0;
    let infeasible = 0;
    for (let t = 0; t < 3000; t++) {
      const problem = randomProblem(rng, 1 + rng.int(5));
      const seq = randomSequence(
        rng,
        problem.requests.map((r) => r.id),
      );
      const cp = compileProblem(problem);
      const ctx = createEngineContext(cp);
      const nodes = Int32Array.from([
        2 * cp.requestCount,
        ...seq.map((s) => nodeOfStop(cp, s)),
        2 * cp.requestCount + 1,
      ]);
      const B = new Float64Array(nodes.length);
      const fail = scheduleRoute(cp, 0, nodes, nodes.length, B, ctx.scratch);
      const exact = isSequenceSchedulable(problem, problem.vehicles[0], seq) && loadFits(problem, seq);
      expect(fail === RouteFailure.None).toBe(exact);
      if (exact) feasible++;
      else infeasible++;
    }
    // both outcomes must be well represented for the comparison to mean something
    expect(feasible).toBeGreaterThan(300);
    expect(infeasible).toBeGreaterThan(300);
  });

  it('finds the same cheapest insertion as trying every position with the exact check', () => {
    const rng = createRng(11);
    let found = 0;
    let none = 0;
    for (let t = 0; t < 2500; t++) {
      const problem = randomProblem(rng, 2 + rng.int(5));
      const ids = problem.requests.map((r) => r.id);
      const newcomer = ids[ids.length - 1];
      const seq = randomSequence(rng, ids.slice(0, -1));
      if (!isSequenceSchedulable(problem, problem.vehicles[0], seq) || !loadFits(problem, seq)) continue;
      // brute force over every (pickup, drop-off) position pair
      let bruteBest = Infinity;
      for (let i = 0; i <= seq.length; i++)
        for (let j = i; j <= seq.length; j++) {
          const cand = [...seq];
          cand.splice(i, 0, { requestId: newcomer, kind: 'pickup' });
          cand.splice(j + 1, 0, { requestId: newcomer, kind: 'dropoff' });
          if (isSequenceSchedulable(problem, problem.vehicles[0], cand) && loadFits(problem, cand))
            bruteBest = Math.min(bruteBest, distanceOf(problem, cand) - distanceOf(problem, seq));
        }
      const cp = compileProblem(problem);
      const ctx = createEngineContext(cp);
      const plan = initialPlan(ctx, { v0: seq });
      const route = buildRoute(ctx, 0, plan.routes[0].nodes);
      const res: InsertionResult = { cost: 0, i: 0, j: 0 };
      bestInsertion(ctx, route, cp.requestIndex.get(newcomer)!, Infinity, res);
      if (bruteBest === Infinity) {
        expect(res.cost).toBe(Infinity);
        none++;
      } else {
        expect(res.cost).toBeCloseTo(bruteBest, 9);
        found++;
      }
    }
    expect(found).toBeGreaterThan(300);
    expect(none).toBeGreaterThan(100);
  });

  it('prices the live objective (driving + weighted rider delay) exactly, like re-scheduling every option', () => {
    const rng = createRng(23);
    let found = 0;
    for (let t = 0; t < 1500; t++) {
      const base = randomProblem(rng, 2 + rng.int(5));
      const problem: RoutingProblem = {
        ...base,
        objective: { kind: 'service', riderDelayWeight: 0.5 + rng.next(), unservedPenalty: 1e6 },
      };
      const ids = problem.requests.map((r) => r.id);
      const newcomer = ids[ids.length - 1];
      const seq = randomSequence(rng, ids.slice(0, -1));
      const cp = compileProblem(problem);
      const ctx = createEngineContext(cp);
      const route = buildRoute(ctx, 0, initialPlan(ctx, { v0: seq }).routes[0].nodes);
      if (!route.feasible) continue;
      const costOf = (r: typeof route): number =>
        r.driveTime + (problem.objective.kind === 'service' ? problem.objective.riderDelayWeight : 0) * r.riderDelay;
      let brute = Infinity;
      for (let i = 0; i <= seq.length; i++)
        for (let j = i; j <= seq.length; j++) {
          const cand = [...seq];
          cand.splice(i, 0, { requestId: newcomer, kind: 'pickup' });
          cand.splice(j + 1, 0, { requestId: newcomer, kind: 'dropoff' });
          const r = buildRoute(ctx, 0, initialPlan(ctx, { v0: cand }).routes[0].nodes);
          if (r.feasible) brute = Math.min(brute, costOf(r) - costOf(route));
        }
      const res: InsertionResult = { cost: 0, i: 0, j: 0 };
      bestInsertion(ctx, route, cp.requestIndex.get(newcomer)!, Infinity, res);
      if (brute === Infinity) expect(res.cost).toBe(Infinity);
      else {
        expect(res.cost).toBeCloseTo(brute, 7);
        found++;
      }
    }
    expect(found).toBeGreaterThan(100);
  });
});
