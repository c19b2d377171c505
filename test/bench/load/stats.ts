/** Latency summaries and plain-text tables for the load benchmark. */

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending array (NaN when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(values: readonly number[]): Summary {
  const sorted = Float64Array.from(values).sort();
  const arr = Array.from(sorted);
  const sum = arr.reduce((a, b) => a + b, 0);
  return {
    n: arr.length,
    p50: percentile(arr, 50),
    p95: percentile(arr, 95),
    p99: percentile(arr, 99),
    max: arr.length ? arr[arr.length - 1] : NaN,
    mean: arr.length ? sum / arr.length : NaN,
  };
}

export const ms = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

/** A two-column (or wider) aligned table with a title line. */
export function table(title: string, rows: Array<Array<string | number>>): string {
  const cells = rows.map((r) => r.map(String));
  const widths: number[] = [];
  for (const r of cells) r.forEach((c, k) => (widths[k] = Math.max(widths[k] ?? 0, c.length)));
  const line = (r: string[]) =>
    '  ' + r.map((c, k) => (k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ');
  return [`\n== ${title}`, ...cells.map(line)].join('\n');
}

export const latencyRow = (label: string, s: Summary): Array<string | number> => [
  label,
  s.n,
  ms(s.p50),
  ms(s.p95),
  ms(s.p99),
  ms(s.max),
];
export const LATENCY_HEADER = ['', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'];
