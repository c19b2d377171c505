import { readFileSync } from 'fs';
import { join } from 'path';
import { validateParams } from '@app/simulation';
import { DemandClock } from './pacing';
import { planLeg, positionOn } from './geo';

const params = validateParams(
  JSON.parse(readFileSync(join(__dirname, '../../../libs/simulation/src/geomdan-day.params.json'), 'utf8')),
);

describe('DemandClock', () => {
  it('runs the simulated day `speed` times faster and keeps the real-time call rate', () => {
    const clock = new DemandClock(params, 10, 20, 1);
    // 15 service hours at 10× = 1.5 real hours × 20 calls per hour.
    expect(clock.requestsPerDay).toBe(30); // independent of the file: 20 per hour given here
    clock.start(0, 12 * 3600);
    expect(clock.simTime(60_000)).toBe(12 * 3600 + 600);
    expect(clock.realMs(600)).toBe(60_000);
    const first = clock.due(0);
    expect(first.every((r) => r.at <= 12 * 3600)).toBe(true);
    const later = clock.due(60 * 60_000); // 10 simulated hours later: 22:00, the day is over
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((r) => r.at >= 12 * 3600)).toBe(true);
    // A new day starts at opening time with new ids.
    expect(clock.simTime(60 * 60_000)).toBe(7 * 3600);
    const next = clock.due(60 * 60_000 + 6 * 60_000);
    expect(next.every((r) => r.id.startsWith('d1-'))).toBe(true);
  });

  it('starts at opening time outside service hours', () => {
    const clock = new DemandClock(params, 5, 20, 1);
    clock.start(0, 3 * 3600);
    expect(clock.simTime(0)).toBe(7 * 3600);
  });
});

describe('legs', () => {
  it('takes the planned time and moves in a straight line', () => {
    const from = { lat: 37.5969, lng: 126.6352 };
    const to = { lat: 37.5947, lng: 126.6276 };
    const leg = planLeg('x', from, to, 0, 30, 1.3);
    expect(leg.arriveAt).toBeGreaterThan(60_000);
    const mid = positionOn(leg, leg.arriveAt / 2);
    expect(mid.arrived).toBe(false);
    expect(mid.at.lng).toBeCloseTo((from.lng + to.lng) / 2, 6);
    expect(positionOn(leg, leg.arriveAt).arrived).toBe(true);
  });
});
