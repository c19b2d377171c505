import { checkSolution, solve } from '@app/dispatch';
import { readCordeauDarp } from './readers/cordeau.reader';
const [cfg, secs, ...files] = process.argv.slice(2);
const tuning = JSON.parse(cfg);
let sum = 0;
for (const f of files) {
  const { name, problem } = readCordeauDarp(f);
  const sol = secs.startsWith('i') ? solve(problem, { timeBudgetMs: Infinity, maxIterations: Number(secs.slice(1)), seed: Number(process.env.SEED ?? 1), tuning }) : solve(problem, { timeBudgetMs: Number(secs) * 1000, seed: Number(process.env.SEED ?? 1), tuning });
  const chk = checkSolution(problem, sol);
  const bks: Record<string, number> = { 'a6-48': 604.123231, 'a7-56': 724.039551, 'a6-72': 916.048904, 'a8-96': 1229.664875, 'a7-84': 1033.365476, 'a5-60': 808.423375, 'a8-80': 945.730593, 'a8-64': 747.462066 };
  const gap = ((chk.distance - bks[name]) / bks[name]) * 100;
  sum += gap;
  console.log(cfg, name, chk.feasible, gap.toFixed(2), sol.searchIterations);
}
console.log(cfg, 'mean', (sum / files.length).toFixed(2));
