/**
 * A seeded Geomdan day replayed in-process through the routing engine under two policies:
 * ours (pooled insertion + periodic re-optimisation) and today's baseline (nearest idle van,
 * one party at a time). Prints a side-by-side table and a summary line (kept last).
 * `npm run bench:sim -- [--seed N] [--requests N] [--vans N] [--params file.json]`
 */
import { readFileSync } from 'fs';
import { resolve } from 'path';
import {
  buildDay,
  clockOf,
  computeMetrics,
  formatComparison,
  simulateBaseline,
  simulatePooled,
  summaryLine,
  validateParams,
} from '@app/simulation';

function arg(name: string): string | undefined {
  const k = process.argv.indexOf(`--${name}`);
  if (k >= 0) return process.argv[k + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}
function intArg(name: string, fallback: number, min: number): number {
  const raw = arg(name);
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
  return n;
}

const paramsFile = resolve(arg('params') ?? resolve(__dirname, '../../libs/simulation/src/geomdan-day.params.json'));
const params = validateParams(JSON.parse(readFileSync(paramsFile, 'utf8')));
const SEED = intArg('seed', 1, 0);
const REQUESTS = intArg('requests', 400, 1);
const VANS = intArg('vans', params.fleet.vans, 1);

const day = buildDay(params, { seed: SEED, requests: REQUESTS, vans: VANS });
const t0 = process.hrtime.bigint();
const pooled = simulatePooled(day, { ...params.policy, seed: SEED });
const t1 = process.hrtime.bigint();
const baseline = simulateBaseline(day);
const t2 = process.hrtime.bigint();
const ours = computeMetrics(pooled);
const base = computeMetrics(baseline);

const byComponent = new Map<string, number>();
for (const r of day.requests) byComponent.set(r.component, (byComponent.get(r.component) ?? 0) + 1);
const hist = new Array<number>(24).fill(0);
for (const r of day.requests) hist[Math.floor(r.at / 3600)]++;
const s = params.settings;
console.log(`${params.name} — ${paramsFile.replace(process.cwd() + '/', '')}`);
console.log(
  `seed ${SEED}, ${REQUESTS} calls, ${VANS} vans × ${params.fleet.seats} seats, service ${params.service.start}–${params.service.end}; ` +
    `max wait ${s.maxWaitMin} min, max ride ${s.rideTimeAlpha}×direct + ${s.rideTimeBetaMin} min, dwell ${s.dwellS} s`,
);
console.log(`demand: ${[...byComponent].map(([c, n]) => `${c} ${n}`).join(', ')}`);
console.log(
  `calls per hour: ${hist
    .map((n, h) => (n ? `${clockOf(h * 3600).slice(0, 2)}h ${n}` : ''))
    .filter(Boolean)
    .join(' · ')}`,
);
console.log('');
console.log(formatComparison(ours, base));
console.log('');
console.log(
  `ours: re-optimisation every ${params.policy.reoptimizeEveryMin} min (${params.policy.reoptimizeIterations} ALNS iterations), kept ${pooled.reasons['reoptimize-improved'] ?? 0}×; rejections by reason ${JSON.stringify(Object.fromEntries(Object.entries(pooled.reasons).filter(([k]) => k !== 'reoptimize-improved')))}`,
);
console.log(
  `baseline: calls wait in a FIFO queue when no van is idle and are dropped after ${s.maxWaitMin} min without a van; a van once sent always picks up (wait may exceed ${s.maxWaitMin} min)`,
);
console.log(
  `served % counts riders who meant to ride (cancellations and no-shows excluded); van-km excludes the final return to the depot; one travel speed all day (haversine × ${params.travel.roadFactor} at ${params.travel.referenceTime})`,
);
console.log(`runtime: ours ${(Number(t1 - t0) / 1e9).toFixed(1)} s, baseline ${(Number(t2 - t1) / 1e9).toFixed(2)} s`);
console.log(summaryLine(REQUESTS, VANS, ours, base));
