/**
 * PDPTW benchmark (Li & Lim instances): `npm run bench:pdptw -- [--seconds S] [--seed N] [files or folders]`.
 * Ranking is lexicographic (vehicles, then distance); the distance gap is averaged over the
 * instances solved with the best-known number of vehicles. Infeasible results are failures.
 */
import { fmt, parseBenchArgs, readBks, solveAndCheck, violationsNote } from './bench-cli';
import { readLiLim } from './readers/li-lim.reader';

function main(): void {
  const args = parseBenchArgs(process.argv.slice(2), 25, '../shared/bench/pdptw/instances');
  let feasible = 0;
  let atBks = 0;
  let extra = 0;
  const gaps: number[] = [];
  let totalS = 0;
  for (const file of args.files) {
    const { name, problem } = readLiLim(file);
    const bksRow = readBks(file).get(name);
    const bksV = bksRow ? Number(bksRow.bks_vehicles) : NaN;
    const bksD = bksRow ? Number(bksRow.bks_distance_recomputed || bksRow.bks_distance) : NaN;
    const { check, seconds } = solveAndCheck(problem, args);
    totalS += seconds;
    let gap = NaN;
    if (check.feasible) {
      feasible++;
      if (Number.isFinite(bksV)) {
        if (check.vehiclesUsed <= bksV) atBks++;
        extra += Math.max(0, check.vehiclesUsed - bksV);
        if (check.vehiclesUsed === bksV) {
          gap = ((check.distance - bksD) / bksD) * 100;
          gaps.push(gap);
        }
      }
    }
    console.log(
      `${name} distance=${fmt(check.distance, 3)} vehicles=${check.vehiclesUsed} bks=${Number.isFinite(bksV) ? `${bksV}/${fmt(bksD, 3)}` : '-'}` +
        ` gap_pct=${Number.isFinite(gap) ? fmt(gap) : '-'} s=${fmt(seconds)} feasible=${check.feasible ? 'yes' : 'NO'}` +
        violationsNote(check),
    );
  }
  const n = args.files.length;
  const mean = gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : NaN;
  console.log(
    `pdptw instances=${n} feasible=${feasible} vehicles_at_bks=${atBks} extra_vehicles=${extra} mean_gap_pct=${fmt(mean)} mean_s=${fmt(n ? totalS / n : NaN)}`,
  );
}

main();
