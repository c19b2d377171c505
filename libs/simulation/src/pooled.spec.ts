import { readFileSync } from 'fs';
import { join } from 'path';
import { buildDay } from './day';
import { computeMetrics } from './metrics';
import { validateParams } from './params';
import { simulateBaseline } from './baseline';
import { simulatePooled } from './pooled';
import { tinyDay } from './testing/tiny-day';

const T8 = 8 * 3600;
const noReopt = { reoptimizeEveryMin: 0, reoptimizeIterations: 0, seed: 1 };

describe('simulatePooled (insertion + re-optimisation)', () => {
  it('pools two riders going the same way in one van', () => {
    const day = tinyDay(8, 1, [
      { at: T8, from: 1, to: 7 },
      { at: T8 + 30, from: 2, to: 6 },
    ]);
    const out = simulatePooled(day, noReopt);
    expect(out.records.map((r) => r.fate)).toEqual(['served', 'served']);
    const [a, b] = out.records;
    // The van picks up 1 then 2 on its way out: the second rider boards before the first leaves.
    expect(b.pickupAt!).toBeLessThan(a.dropoffAt!);
    expect(out.vans[0].meters).toBe(7000); // depot → 1 → 2 → 6 → 7
    const base = simulateBaseline(day);
    expect(computeMetrics(base).vanKm).toBeGreaterThan(computeMetrics(out).vanKm);
  });

  it('rejects what cannot be picked up within the max wait, and skips the drop-off of a no-show', () => {
    const day = tinyDay(21, 1, [
      { at: T8, from: 8, to: 18, noShow: true },
      { at: T8 + 60, from: 0, to: 1 }, // the van left for place 8: back at the depot 8:16:30 at the earliest
    ]);
    const out = simulatePooled(day, noReopt);
    expect(out.records.map((r) => r.fate)).toEqual(['no-show', 'rejected']);
    expect(out.vans[0].meters).toBe(8000); // never drives to 18
    expect(out.reasons.PICKUP_WINDOW).toBe(1);
  });

  it('keeps every promise over a generated day and is reproducible', () => {
    const params = validateParams(JSON.parse(readFileSync(join(__dirname, 'geomdan-day.params.json'), 'utf8')));
    const day = buildDay(params, { seed: 2, requests: 150, vans: 3 });
    const options = { reoptimizeEveryMin: 10, reoptimizeIterations: 50, seed: 2 };
    const out = simulatePooled(day, options);
    for (const r of out.records) {
      expect(r.fate).not.toBe('pending');
      if (r.fate !== 'served') continue;
      expect(r.pickupAt! - r.request.at).toBeLessThanOrEqual(day.maxWaitS + 1e-6);
      expect(r.dropoffAt! - r.pickupDoneAt!).toBeLessThanOrEqual(day.rideTimeAlpha * r.directS + day.rideTimeBetaS + 1);
    }
    expect(computeMetrics(simulatePooled(day, options))).toEqual(computeMetrics(out));
  });
});
