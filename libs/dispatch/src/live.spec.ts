import { checkSolution } from './check-solution';
import { computeRouteSchedule, insertRequest, LiveState, removeRequest, reoptimize } from './live';
import { RoutePlan, RoutingProblem, TransportRequest } from './model';
import { euclideanMatrix } from './travel-time';

// Coordinates in seconds of driving; location 0 is the depot.
const points: [number, number][] = [
  [0, 0],
  [300, 0],
  [600, 0],
  [300, 300],
  [900, 300],
  [-300, 200],
  [-600, 400],
  [200, -400],
  [700, -300],
  [-200, -200],
  [100, 100],
  [5000, 5000],
];
const travel = euclideanMatrix(points);

function req(id: string, from: number, to: number, opts: Partial<TransportRequest> = {}): TransportRequest {
  return {
    id,
    pickup: { location: from, window: { earliest: 0, latest: 3000 }, serviceTime: 30 },
    dropoff: { location: to, window: { earliest: 0, latest: 6000 }, serviceTime: 30 },
    load: [1, 0, 0],
    maxRideTime: 1800,
    ...opts,
  };
}

const onBoard = req('ob1', 1, 2);
const state: LiveState = {
  travel,
  vehicles: [
    {
      id: 'van-1',
      capacity: [4, 2, 1],
      features: ['wheelchair'],
      start: { location: 1, earliest: 100 },
      end: { location: 0, latest: 8000 },
      onBoard: [{ request: onBoard, pickupEndedAt: 90 }],
      committedNextStop: { requestId: 'c1', kind: 'pickup' },
    },
    { id: 'van-2', capacity: [4, 2, 0], start: { location: 0, earliest: 100 }, end: { location: 0, latest: 8000 } },
  ],
  requests: [req('c1', 3, 4), req('r1', 5, 6)],
  routes: {
    'van-1': [
      { requestId: 'c1', kind: 'pickup' },
      { requestId: 'ob1', kind: 'dropoff' },
      { requestId: 'c1', kind: 'dropoff' },
    ],
    'van-2': [
      { requestId: 'r1', kind: 'pickup' },
      { requestId: 'r1', kind: 'dropoff' },
    ],
  },
};

/** The whole live plan as a solution, so the independent checker can judge it. */
function checkState(s: LiveState): string[] {
  const problem: RoutingProblem = {
    requests: s.requests,
    vehicles: s.vehicles,
    travel: s.travel,
    objective: { kind: 'distance' },
  };
  const routes: RoutePlan[] = s.vehicles.map((v) => {
    const r = computeRouteSchedule(problem, v.id, s.routes[v.id] ?? []);
    if (!r.feasible) throw new Error(`${v.id}: ${r.code}`);
    return r.route;
  });
  const distance = routes.reduce((a, r) => a + r.distance, 0);
  return [
    ...checkSolution(problem, { routes, unassigned: [], vehiclesUsed: routes.length, distance, cost: distance })
      .violations,
  ];
}

describe('live dispatch', () => {
  it('starts from a plan the checker accepts', () => {
    expect(checkState(state)).toEqual([]);
  });

  it('inserts a request, keeping the committed stop first and on-board riders on their van', () => {
    const out = insertRequest(state, req('n1', 9, 10));
    if (!out.accepted) throw new Error(out.reason);
    expect(out.route.vehicleId).toBe(out.vehicleId);
    expect(out.route.stops[out.pickupIndex]).toMatchObject({ requestId: 'n1', kind: 'pickup' });
    expect(out.route.stops[out.dropoffIndex]).toMatchObject({ requestId: 'n1', kind: 'dropoff' });
    expect(out.reason).toMatch(/van-\d/);
    expect(out.state.routes['van-1'][0]).toEqual({ requestId: 'c1', kind: 'pickup' });
    expect(out.state.routes['van-1'].some((s) => s.requestId === 'ob1')).toBe(true);
    expect(checkState(out.state)).toEqual([]);
    expect(out.costDelta).toBeGreaterThan(0);
  });

  it('puts a wheelchair user on the accessible van only', () => {
    const out = insertRequest(state, req('w1', 7, 8, { load: [1, 0, 1], requiredFeatures: ['wheelchair'] }));
    expect(out.accepted && out.vehicleId).toBe('van-1');
  });

  it('explains rejections with stable codes', () => {
    const code = (r: TransportRequest): string => {
      const out = insertRequest(state, r);
      return out.accepted ? 'accepted' : out.code;
    };
    expect(code(req('x1', 7, 8, { requiredFeatures: ['low-floor'] }))).toBe('ACCESSIBILITY');
    expect(code(req('x2', 7, 8, { load: [5, 0, 0] }))).toBe('NO_VEHICLE_CAPACITY');
    expect(
      code(req('x3', 11, 11, { pickup: { location: 11, window: { earliest: 0, latest: 1000 }, serviceTime: 30 } })),
    ).toBe('PICKUP_WINDOW');
    expect(code(req('x4', 7, 8, { maxRideTime: 300 }))).toBe('RIDE_TIME');
    expect(
      code(
        req('x5', 7, 8, {
          pickup: { location: 7, window: { earliest: 7900, latest: 7950 }, serviceTime: 30 },
          dropoff: { location: 8, window: { earliest: 0, latest: 9000 }, serviceTime: 30 },
        }),
      ),
    ).toBe('SHIFT_END');
  });

  it('cancels a request that is not on board, but not a rider in the van', () => {
    const out = removeRequest(state, 'r1');
    expect(out.removed).toBe(true);
    expect(out.state.routes['van-2']).toEqual([]);
    expect(out.state.requests.map((r) => r.id)).toEqual(['c1']);
    expect(removeRequest(state, 'ob1').removed).toBe(false);
    const released = removeRequest(state, 'c1').state;
    expect(released.vehicles[0].committedNextStop).toBeUndefined();
    expect(checkState(released)).toEqual([]);
  });

  it('re-optimises without breaking promises, reproducibly for a seed', () => {
    let s = state;
    for (const [id, a, b] of [
      ['n1', 9, 10],
      ['n2', 7, 8],
      ['n3', 5, 2],
      ['n4', 10, 6],
      ['n5', 8, 3],
    ] as const) {
      const out = insertRequest(s, req(id, a, b));
      if (out.accepted) s = out.state;
    }
    const a = reoptimize(s, { timeBudgetMs: Infinity, maxIterations: 200, seed: 9 });
    const b = reoptimize(s, { timeBudgetMs: Infinity, maxIterations: 200, seed: 9 });
    expect(b.state.routes).toEqual(a.state.routes);
    expect(a.solution.cost).toBeLessThanOrEqual(a.costBefore + 1e-9);
    expect(a.state.routes['van-1'][0]).toEqual({ requestId: 'c1', kind: 'pickup' });
    expect(a.state.routes['van-1'].some((x) => x.requestId === 'ob1')).toBe(true);
    expect(a.solution.unassigned).toEqual([]);
    expect(checkState(a.state)).toEqual([]);
  });

  it('may reorder the drop-offs of riders on board, but keeps them on their van', () => {
    const far = req('far', 0, 4);
    const near = req('near', 0, 1);
    const s: LiveState = {
      travel,
      requests: [],
      vehicles: [
        {
          id: 'van-1',
          capacity: [4, 2, 0],
          start: { location: 0, earliest: 0 },
          end: { location: 0, latest: 8000 },
          onBoard: [
            { request: far, pickupEndedAt: 0 },
            { request: near, pickupEndedAt: 0 },
          ],
        },
        { id: 'van-2', capacity: [4, 2, 0], start: { location: 0, earliest: 0 }, end: { location: 0, latest: 8000 } },
      ],
      routes: {
        'van-1': [
          { requestId: 'far', kind: 'dropoff' },
          { requestId: 'near', kind: 'dropoff' },
        ],
        'van-2': [],
      },
    };
    const out = reoptimize(s, { timeBudgetMs: Infinity, maxIterations: 20, seed: 1 });
    expect(out.state.routes['van-1'].map((x) => x.requestId)).toEqual(['near', 'far']);
    expect(out.state.routes['van-2']).toEqual([]);
    expect(out.solution.cost).toBeLessThan(out.costBefore);
  });

  it('still re-plans an area where one van already runs late for a rider on board', () => {
    const late = {
      ...req('late', 0, 4),
      dropoff: { location: 4, window: { earliest: 0, latest: 100 }, serviceTime: 30 },
    };
    const s: LiveState = {
      ...state,
      vehicles: [
        { ...state.vehicles[0], onBoard: [...(state.vehicles[0].onBoard ?? []), { request: late, pickupEndedAt: 0 }] },
        state.vehicles[1],
      ],
      routes: { ...state.routes, 'van-1': [...state.routes['van-1'], { requestId: 'late', kind: 'dropoff' }] },
      requests: [...state.requests, req('r2', 9, 10)],
    };
    const out = reoptimize(s, { timeBudgetMs: Infinity, maxIterations: 50, seed: 2 });
    expect(out.solution.unassigned).toEqual([]);
    expect(out.state.routes['van-2'].some((x) => x.requestId === 'r2')).toBe(true);
  });
});
