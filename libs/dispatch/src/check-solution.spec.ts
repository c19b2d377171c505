import { checkSolution } from './check-solution';
import { PlannedStop, RoutingProblem, RoutingSolution } from './model';
import { euclideanMatrix } from './travel-time';

// depot at 0; request a: 1 → 2, request b: 3 → 4
const problem: RoutingProblem = {
  requests: [
    {
      id: 'a',
      pickup: { location: 1, window: { earliest: 0, latest: 50 }, serviceTime: 1 },
      dropoff: { location: 2, window: { earliest: 0, latest: 100 }, serviceTime: 1 },
      load: [1],
      maxRideTime: 20,
    },
    {
      id: 'b',
      pickup: { location: 3, window: { earliest: 0, latest: 50 }, serviceTime: 1 },
      dropoff: { location: 4, window: { earliest: 0, latest: 100 }, serviceTime: 1 },
      load: [1],
    },
  ],
  vehicles: [
    {
      id: 'v',
      capacity: [1],
      start: { location: 0, earliest: 0 },
      end: { location: 0, latest: 200 },
      maxRouteDuration: 150,
    },
  ],
  travel: euclideanMatrix([
    [0, 0],
    [0, 10],
    [0, 20],
    [0, 30],
    [0, 40],
  ]),
  objective: { kind: 'distance' },
};

function stop(
  requestId: string,
  kind: 'pickup' | 'dropoff',
  location: number,
  serviceStart: number,
  load: number,
): PlannedStop {
  return {
    requestId,
    kind,
    location,
    arrival: serviceStart,
    serviceStart,
    departure: serviceStart + 1,
    loadAfter: [load],
  };
}

const good: RoutingSolution = {
  routes: [
    {
      vehicleId: 'v',
      startTime: 0,
      stops: [
        stop('a', 'pickup', 1, 10, 1),
        stop('a', 'dropoff', 2, 21, 0),
        stop('b', 'pickup', 3, 32, 1),
        stop('b', 'dropoff', 4, 43, 0),
      ],
      endTime: 84,
      distance: 80,
      driveTime: 80,
    },
  ],
  unassigned: [],
  vehiclesUsed: 1,
  distance: 80,
  cost: 80,
};

function withStops(stops: readonly PlannedStop[], endTime = 84): RoutingSolution {
  return { ...good, routes: [{ ...good.routes[0], stops, endTime }] };
}

describe('checkSolution', () => {
  it('accepts a feasible plan and recomputes its distance', () => {
    const r = checkSolution(problem, good);
    expect(r.violations).toEqual([]);
    expect(r.distance).toBeCloseTo(80, 9);
  });

  it('rejects a service start before the vehicle can arrive', () => {
    const s = [...good.routes[0].stops];
    s[1] = stop('a', 'dropoff', 2, 15, 0);
    expect(checkSolution(problem, withStops(s)).feasible).toBe(false);
  });

  it('rejects an exceeded ride time even when every window holds', () => {
    const s = [...good.routes[0].stops];
    s[1] = stop('a', 'dropoff', 2, 40, 0);
    s[2] = stop('b', 'pickup', 3, 51, 1); // would also break b's window
    const r = checkSolution(
      problem,
      withStops(s.slice(0, 2).concat([stop('b', 'pickup', 3, 50, 1), stop('b', 'dropoff', 4, 61, 0)]), 102),
    );
    expect(r.violations.some((v) => v.includes('ride time'))).toBe(true);
  });

  it('rejects overload, drop-off before pickup and unserved requests', () => {
    const overload = withStops(
      [
        stop('a', 'pickup', 1, 10, 1),
        stop('b', 'pickup', 3, 31, 2),
        stop('a', 'dropoff', 2, 42, 1),
        stop('b', 'dropoff', 4, 63, 0),
      ],
      104,
    );
    expect(checkSolution(problem, overload).violations.some((v) => v.includes('capacity'))).toBe(true);
    const reversed = withStops(
      [
        stop('a', 'dropoff', 2, 20, -1),
        stop('a', 'pickup', 1, 31, 0),
        stop('b', 'pickup', 3, 52, 1),
        stop('b', 'dropoff', 4, 63, 0),
      ],
      104,
    );
    expect(checkSolution(problem, reversed).feasible).toBe(false);
    const partial = { ...withStops(good.routes[0].stops.slice(0, 2), 42), unassigned: ['b'] };
    expect(checkSolution(problem, partial).feasible).toBe(false);
    expect(checkSolution(problem, partial, { requireAllServed: false }).feasible).toBe(true);
  });

  it('rejects a route longer than the maximum duration', () => {
    const late = withStops(good.routes[0].stops, 84);
    const slow = { ...late, routes: [{ ...late.routes[0], startTime: -80 }] };
    expect(checkSolution(problem, slow).feasible).toBe(false);
  });
});
