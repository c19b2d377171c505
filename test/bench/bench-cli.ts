import { checkSolution, CheckResult, RoutingProblem, solve } from '@app/dispatch';
import { existsSync, readFileSync, readdirSync, statSync } from 'fs';
import { dirname, join, resolve } from 'path';

export interface BenchArgs {
  readonly seconds: number;
  readonly seed: number;
  readonly files: string[];
}

/** `[--seconds S] [--seed N] [files or folders]`; folders expand to their *.txt files. */
export function parseBenchArgs(argv: readonly string[], defaultSeconds: number, defaultInput: string): BenchArgs {
  let seconds = defaultSeconds;
  let seed = 1;
  const inputs: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--seconds') seconds = Number(argv[++k]);
    else if (a.startsWith('--seconds=')) seconds = Number(a.slice(10));
    else if (a === '--seed') seed = Number(argv[++k]);
    else if (a.startsWith('--seed=')) seed = Number(a.slice(7));
    else inputs.push(a);
  }
  if (!(seconds > 0)) throw new Error('--seconds must be a positive number');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  if (inputs.length === 0) inputs.push(resolve(__dirname, '../..', defaultInput));
  const files: string[] = [];
  for (const input of inputs) {
    const path = resolve(input);
    if (statSync(path).isDirectory())
      files.push(
        ...readdirSync(path)
          .filter((f) => f.endsWith('.txt'))
          .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
          .map((f) => join(path, f)),
      );
    else files.push(path);
  }
  return { seconds, seed, files };
}

/** Rows of the bks.csv beside the file's instances folder (or beside the file), keyed by instance. */
export function readBks(file: string): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const candidate of [join(dirname(dirname(file)), 'bks.csv'), join(dirname(file), 'bks.csv')]) {
    if (!existsSync(candidate)) continue;
    const [header, ...rows] = readFileSync(candidate, 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.trim().length > 0);
    const cols = header.split(',').map((c) => c.trim());
    for (const row of rows) {
      const cells = row.split(',');
      const rec: Record<string, string> = {};
      cols.forEach((c, k) => (rec[c] = (cells[k] ?? '').trim()));
      if (!out.has(rec.instance)) out.set(rec.instance, rec);
    }
  }
  return out;
}

export const fmt = (x: number, digits = 2): string =>
  Number.isFinite(x) ? (Math.abs(x) < 0.5 * 10 ** -digits ? 0 : x).toFixed(digits) : 'NaN';

/**
 * Solves within the budget and has the independent checker judge the result: a solution counts
 * only if the checker accepts it, and its cost is the checker's, never the engine's own figure.
 */
export function solveAndCheck(
  problem: RoutingProblem,
  args: { seconds: number; seed: number },
): { check: CheckResult; seconds: number } {
  const t0 = process.hrtime.bigint();
  const solution = solve(problem, { timeBudgetMs: args.seconds * 1000, seed: args.seed });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { check: checkSolution(problem, solution), seconds };
}

/** The checker's violations, for a line about an infeasible result. */
export const violationsNote = (check: CheckResult): string =>
  check.feasible ? '' : ` violations=${JSON.stringify(check.violations.slice(0, 3))}`;
