import { PolicyOutcome, RequestRecord } from './day';
import { SimRequest } from './demand';
import { computeMetrics, percentile } from './metrics';

const req = (id: string, over: Partial<SimRequest> = {}): SimRequest => ({
  id,
  at: 0,
  from: 0,
  to: 1,
  passengers: 1,
  noShow: false,
  cancelAt: null,
  component: 't',
  ...over,
});

describe('metrics', () => {
  it('percentile uses the nearest rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('computes served share, waits, ride ratio, km per passenger and utilisation', () => {
    const records: RequestRecord[] = [
      {
        request: req('a', { passengers: 2 }),
        directS: 300,
        fate: 'served',
        pickupAt: 60,
        pickupDoneAt: 120,
        dropoffAt: 570,
      }, // wait 1 min, ratio 1.5
      {
        request: req('b', { at: 100 }),
        directS: 600,
        fate: 'served',
        pickupAt: 400,
        pickupDoneAt: 460,
        dropoffAt: 1060,
      }, // wait 5 min, ratio 1
      { request: req('c'), directS: 600, fate: 'rejected' },
      { request: req('d'), directS: 600, fate: 'dropped' },
      { request: req('e', { noShow: true }), directS: 600, fate: 'no-show' },
      { request: req('f', { cancelAt: 50 }), directS: 600, fate: 'cancelled' },
    ];
    const outcome: PolicyOutcome = {
      policy: 'x',
      records,
      vans: [
        { id: 'v1', meters: 6000, driveS: 1800, serveS: 600 },
        { id: 'v2', meters: 3000, driveS: 1200, serveS: 0 },
      ],
      shiftS: 3600,
      reasons: {},
    };
    const m = computeMetrics(outcome);
    expect(m.wanted).toBe(4);
    expect(m.served).toBe(2);
    expect(m.servedPct).toBe(50);
    expect(m.rejected).toBe(1);
    expect(m.dropped).toBe(1);
    expect(m.noShows).toBe(1);
    expect(m.cancelled).toBe(1);
    expect(m.waitP50Min).toBe(1);
    expect(m.waitP90Min).toBe(5);
    expect(m.rideRatio).toBeCloseTo(1.25, 10);
    expect(m.passengersServed).toBe(3);
    expect(m.vanKm).toBe(9);
    expect(m.kmPerRider).toBe(3);
    expect(m.utilisationPct).toBeCloseTo(50, 10);
  });
});
