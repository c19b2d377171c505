import { PolicyMetrics } from './metrics';

const num = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

/** Side-by-side table of the two policies (plain text, fixed width). */
export function formatComparison(ours: PolicyMetrics, base: PolicyMetrics): string {
  const rows: [string, string, string][] = [
    ['requests (riders meaning to ride)', `${ours.requests} (${ours.wanted})`, `${base.requests} (${base.wanted})`],
    ['served', `${ours.served}`, `${base.served}`],
    ['share of requests served', `${num(ours.servedPct, 1)} %`, `${num(base.servedPct, 1)} %`],
    [
      'rejected at booking / dropped from queue',
      `${ours.rejected} / ${ours.dropped}`,
      `${base.rejected} / ${base.dropped}`,
    ],
    ['cancelled / no-show', `${ours.cancelled} / ${ours.noShows}`, `${base.cancelled} / ${base.noShows}`],
    ['wait p50 (call → pickup)', `${num(ours.waitP50Min, 1)} min`, `${num(base.waitP50Min, 1)} min`],
    ['wait p90', `${num(ours.waitP90Min, 1)} min`, `${num(base.waitP90Min, 1)} min`],
    ['ride time ÷ direct time (mean)', num(ours.rideRatio, 2), num(base.rideRatio, 2)],
    ['passengers served', `${ours.passengersServed}`, `${base.passengersServed}`],
    ['van-km', num(ours.vanKm, 1), num(base.vanKm, 1)],
    ['van-km per passenger served', num(ours.kmPerRider, 2), num(base.kmPerRider, 2)],
    ['van utilisation (driving + at stops)', `${num(ours.utilisationPct, 1)} %`, `${num(base.utilisationPct, 1)} %`],
  ];
  const header: [string, string, string] = ['', 'ours (pooled + re-opt)', 'baseline (nearest idle)'];
  const w0 = Math.max(...[header, ...rows].map((r) => r[0].length));
  const w1 = Math.max(...[header, ...rows].map((r) => r[1].length));
  const w2 = Math.max(...[header, ...rows].map((r) => r[2].length));
  const line = (r: [string, string, string]): string =>
    `${r[0].padEnd(w0)} | ${r[1].padStart(w1)} | ${r[2].padStart(w2)}`;
  return [line(header), `${'-'.repeat(w0)}-+-${'-'.repeat(w1)}-+-${'-'.repeat(w2)}`, ...rows.map(line)].join('\n');
}

/** The machine-readable last line of `npm run bench:sim`. */
export function summaryLine(requests: number, vans: number, ours: PolicyMetrics, base: PolicyMetrics): string {
  return (
    `sim requests=${requests} vans=${vans} served_pct=${num(ours.servedPct, 1)} wait_p90_min=${num(ours.waitP90Min, 1)} km_per_rider=${num(ours.kmPerRider, 2)} ` +
    `base_served_pct=${num(base.servedPct, 1)} base_wait_p90_min=${num(base.waitP90Min, 1)} base_km_per_rider=${num(base.kmPerRider, 2)}`
  );
}
