import { readFileSync } from 'fs';
import { basename } from 'path';
import { RoutingProblem, TransportRequest, Vehicle, euclideanMatrix } from '@app/dispatch';

/**
 * Cordeau DARP file (first line `K n T Q L`, then 2n+2 node lines `id x y d q e l`) mapped to
 * the engine model: one request per pair (i, n+i), K identical vehicles from node 0 to node
 * 2n+1 with the depot windows of the node lines, route duration ≤ T, ride time ≤ L.
 */
export function readCordeauDarp(path: string): { name: string; problem: RoutingProblem } {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const [K, n, T, Q, L] = lines[0].split(/\s+/).map(Number);
  const nodes = lines.slice(1, 2 * n + 3).map((l) => {
    const [id, x, y, d, q, e, lw] = l.split(/\s+/).map(Number);
    return { id, x, y, d, q, e, l: lw };
  });
  if (nodes.length !== 2 * n + 2) throw new Error(`${path}: expected ${2 * n + 2} nodes, got ${nodes.length}`);
  const requests: TransportRequest[] = [];
  for (let i = 1; i <= n; i++) {
    const p = nodes[i];
    const d = nodes[n + i];
    requests.push({
      id: String(i),
      pickup: { location: i, window: { earliest: p.e, latest: p.l }, serviceTime: p.d },
      dropoff: { location: n + i, window: { earliest: d.e, latest: d.l }, serviceTime: d.d },
      load: [p.q],
      maxRideTime: L,
    });
  }
  const o = nodes[0];
  const z = nodes[2 * n + 1];
  const vehicles: Vehicle[] = [];
  for (let k = 0; k < K; k++)
    vehicles.push({
      id: `v${k + 1}`,
      capacity: [Q],
      start: { location: 0, earliest: o.e, latest: o.l },
      end: { location: 2 * n + 1, earliest: z.e, latest: z.l },
      maxRouteDuration: T,
    });
  return {
    name: basename(path).replace(/\.[^.]+$/, ''),
    problem: {
      requests,
      vehicles,
      travel: euclideanMatrix(nodes.map((v) => [v.x, v.y])),
      objective: { kind: 'distance' },
    },
  };
}
