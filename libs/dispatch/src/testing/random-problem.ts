import { RoutingProblem, StopRef, TransportRequest, Vehicle } from '../model';
import { euclideanMatrix } from '../travel-time';
import { Rng } from '../rng';

/**
 * Small random problems for property tests: tight enough that many insertions fail for
 * each kind of reason (windows, ride time, duration, capacity in two dimensions).
 */
export function randomProblem(rng: Rng, requestCount: number, vehicleCount = 1): RoutingProblem {
  const points: [number, number][] = [[0, 0]];
  const requests: TransportRequest[] = [];
  for (let r = 0; r < requestCount; r++) {
    points.push([rng.next() * 20 - 10, rng.next() * 20 - 10], [rng.next() * 20 - 10, rng.next() * 20 - 10]);
    const e = rng.next() * 60;
    const w = 5 + rng.next() * 40;
    const tightPickup = rng.next() < 0.5;
    const direct = Math.hypot(points[2 * r + 1][0] - points[2 * r + 2][0], points[2 * r + 1][1] - points[2 * r + 2][1]);
    requests.push({
      id: `r${r}`,
      pickup: {
        location: 2 * r + 1,
        window: tightPickup ? { earliest: e, latest: e + w } : { earliest: 0, latest: 200 },
        serviceTime: rng.int(3),
      },
      dropoff: {
        location: 2 * r + 2,
        window: tightPickup ? { earliest: 0, latest: 200 } : { earliest: e + direct, latest: e + direct + w },
        serviceTime: rng.int(3),
      },
      load: [1 + rng.int(2), rng.int(2)],
      maxRideTime: rng.next() < 0.7 ? direct + 2 + rng.next() * 25 : undefined,
    });
  }
  const vehicles: Vehicle[] = [];
  for (let v = 0; v < vehicleCount; v++)
    vehicles.push({
      id: `v${v}`,
      capacity: [3 + rng.int(2), 1 + rng.int(2)],
      start: { location: 0, earliest: 0 },
      end: { location: 0, latest: 150 + rng.next() * 100 },
      maxRouteDuration: rng.next() < 0.5 ? 80 + rng.next() * 80 : undefined,
    });
  return { requests, vehicles, travel: euclideanMatrix(points), objective: { kind: 'distance' } };
}

/** A random order of the stops of the given requests, each pickup before its drop-off. */
export function randomSequence(rng: Rng, requestIds: readonly string[]): StopRef[] {
  const seq: StopRef[] = [];
  for (const id of requestIds) {
    const i = rng.int(seq.length + 1);
    seq.splice(i, 0, { requestId: id, kind: 'pickup' });
    const j = i + 1 + rng.int(seq.length - i);
    seq.splice(j, 0, { requestId: id, kind: 'dropoff' });
  }
  return seq;
}
