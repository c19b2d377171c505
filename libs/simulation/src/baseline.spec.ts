import { computeMetrics } from './metrics';
import { simulateBaseline } from './baseline';
import { tinyDay } from './testing/tiny-day';

const T8 = 8 * 3600;

describe('simulateBaseline (nearest idle van, one party at a time)', () => {
  it('sends the nearest idle van and drives pickup → drop-off directly', () => {
    // Van 1 and 2 start at the depot (place 0). First call at place 2 → 4, second later at 1 → 0.
    const day = tinyDay(6, 2, [
      { at: T8, from: 2, to: 4 },
      { at: T8 + 60, from: 1, to: 0 },
    ]);
    const out = simulateBaseline(day);
    const [a, b] = out.records;
    expect(a.fate).toBe('served');
    expect(a.pickupAt).toBe(T8 + 120); // 2 km from the depot
    expect(a.pickupDoneAt).toBe(T8 + 150);
    expect(a.dropoffAt).toBe(T8 + 270);
    // Van 2 is idle at the depot, 1 km away; van 1 is busy.
    expect(b.pickupAt).toBe(T8 + 120);
    expect(out.vans[0].meters).toBe(4000);
    expect(out.vans[1].meters).toBe(2000);
    expect(out.vans[0].serveS).toBe(60);
  });

  it('queues calls FIFO while every van is busy, and drops those that waited the max wait', () => {
    // One van. Call 1 keeps it busy 8:00 → 8:21:00 (10 km out, 10 km ride, dwell 2×30 s).
    const day = tinyDay(21, 1, [
      { at: T8, from: 10, to: 20 },
      { at: T8 + 60, from: 20, to: 19 }, // waits until 8:21 > 8:01 + 10 min: dropped
      { at: T8 + 16 * 60, from: 20, to: 18 }, // van free at 8:21 at place 20: picked up at once
    ]);
    const out = simulateBaseline(day);
    expect(out.records.map((r) => r.fate)).toEqual(['served', 'dropped', 'served']);
    expect(out.records[2].pickupAt).toBe(T8 + 21 * 60);
    const m = computeMetrics(out);
    expect(m.servedPct).toBeCloseTo((2 / 3) * 100, 5);
    expect(m.dropped).toBe(1);
  });

  it('spends the dwell at a no-show and releases a van whose call is cancelled on the way', () => {
    const day = tinyDay(11, 2, [
      { at: T8, from: 4, to: 0, noShow: true },
      { at: T8, from: 10, to: 0, cancelAt: T8 + 120 }, // the second van turns back after 2 of 10 km
    ]);
    const out = simulateBaseline(day);
    expect(out.records.map((r) => r.fate)).toEqual(['no-show', 'cancelled']);
    expect(out.vans[0].meters).toBe(4000);
    expect(out.vans[0].serveS).toBe(30);
    expect(out.vans[1].meters).toBe(4000);
    expect(computeMetrics(out).wanted).toBe(0);
  });
});
