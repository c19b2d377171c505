import { readFileSync } from 'fs';
import { basename } from 'path';
import { RoutingProblem, TransportRequest, Vehicle, euclideanMatrix } from '@app/dispatch';

/**
 * Li & Lim PDPTW file (first line `K Q S`, then `id x y q e l s p d` per task; pairs given by
 * p/d, task 0 is the depot) mapped to the engine model. The speed field S is ignored, as by
 * everyone: travel time = distance.
 */
export function readLiLim(path: string): { name: string; problem: RoutingProblem } {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const [K, Q] = lines[0].split(/\s+/).map(Number);
  const tasks = lines.slice(1).map((l) => {
    const [id, x, y, q, e, lw, s, p, d] = l.split(/\s+/).map(Number);
    return { id, x, y, q, e, l: lw, s, p, d };
  });
  tasks.forEach((t, k) => {
    if (t.id !== k) throw new Error(`${path}: task ids must be consecutive from 0 (line ${k + 2})`);
  });
  const depot = tasks[0];
  const requests: TransportRequest[] = [];
  for (const t of tasks) {
    if (t.id === 0 || t.p !== 0) continue; // deliveries are reached through their pickup
    const d = tasks[t.d];
    if (!d || d.p !== t.id) throw new Error(`${path}: task ${t.id} names delivery ${t.d} that does not point back`);
    requests.push({
      id: String(t.id),
      pickup: { location: t.id, window: { earliest: t.e, latest: t.l }, serviceTime: t.s },
      dropoff: { location: d.id, window: { earliest: d.e, latest: d.l }, serviceTime: d.s },
      load: [t.q],
    });
  }
  const vehicles: Vehicle[] = [];
  for (let k = 0; k < K; k++)
    vehicles.push({
      id: `v${k + 1}`,
      capacity: [Q],
      start: { location: 0, earliest: depot.e, latest: depot.l },
      end: { location: 0, latest: depot.l },
    });
  return {
    name: basename(path).replace(/\.[^.]+$/, ''),
    problem: {
      requests,
      vehicles,
      travel: euclideanMatrix(tasks.map((t) => [t.x, t.y])),
      objective: { kind: 'vehicles-then-distance' },
    },
  };
}
