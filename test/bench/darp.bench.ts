/**
 * DARP benchmark (Cordeau instances): `npm run bench:darp -- [--seconds S] [--seed N] [files or folders]`.
 * A solution counts only if the independent checker accepts it; its cost is the checker's.
 */
import { fmt, parseBenchArgs, readBks, solveAndCheck, violationsNote } from './bench-cli';
import { readCordeauDarp } from './readers/cordeau.reader';

function main(): void {
  const args = parseBenchArgs(process.argv.slice(2), 9, '../shared/bench/darp/instances');
  let feasible = 0;
  const gaps: number[] = [];
  let totalS = 0;
  for (const file of args.files) {
    const { name, problem } = readCordeauDarp(file);
    const bksRow = readBks(file).get(name);
    const bks = bksRow ? Number(bksRow.bks_cost_exact || bksRow.bks_cost) : NaN;
    const { check, seconds } = solveAndCheck(problem, args);
    totalS += seconds;
    let gap = NaN;
    if (check.feasible) {
      feasible++;
      if (Number.isFinite(bks)) {
        gap = ((check.distance - bks) / bks) * 100;
        gaps.push(gap);
      }
    }
    console.log(
      `${name} cost=${fmt(check.distance, 3)} vehicles=${check.vehiclesUsed} bks=${Number.isFinite(bks) ? fmt(bks, 3) : '-'}` +
        ` gap_pct=${check.feasible && Number.isFinite(gap) ? fmt(gap) : '-'} s=${fmt(seconds)} feasible=${check.feasible ? 'yes' : 'NO'}` +
        violationsNote(check),
    );
  }
  const n = args.files.length;
  const mean = gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : NaN;
  const max = gaps.length ? Math.max(...gaps) : NaN;
  console.log(
    `darp instances=${n} feasible=${feasible} mean_gap_pct=${fmt(mean)} max_gap_pct=${fmt(max)} mean_s=${fmt(n ? totalS / n : NaN)}`,
  );
}

main();
