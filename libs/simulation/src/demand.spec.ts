import { readFileSync } from 'fs';
import { join } from 'path';
import { generateDemand, intendsToRide } from './demand';
import { DayParams, secondsOfDay, validateParams } from './params';

const params = validateParams(JSON.parse(readFileSync(join(__dirname, 'geomdan-day.params.json'), 'utf8')));

describe('generateDemand', () => {
  it('is reproducible for a seed and differs between seeds', () => {
    const a = generateDemand(params, { seed: 7, requests: 300 });
    const b = generateDemand(params, { seed: 7, requests: 300 });
    const c = generateDemand(params, { seed: 8, requests: 300 });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('gives exactly the requested number, in time order, inside service hours, with valid trips', () => {
    const day = generateDemand(params, { seed: 1, requests: 500 });
    expect(day).toHaveLength(500);
    const open = secondsOfDay(params.service.start);
    const lastCall = secondsOfDay(params.service.end) - params.settings.maxWaitMin * 60;
    for (let k = 0; k < day.length; k++) {
      const r = day[k];
      if (k > 0) expect(r.at).toBeGreaterThanOrEqual(day[k - 1].at);
      expect(r.at).toBeGreaterThanOrEqual(open);
      expect(r.at).toBeLessThan(lastCall);
      expect(r.from).not.toBe(r.to);
      expect(params.places[r.from].kind).not.toBe('depot');
      expect(params.places[r.to].kind).not.toBe('depot');
      expect([1, 2, 3]).toContain(r.passengers);
      if (r.cancelAt !== null) {
        expect(r.noShow).toBe(false);
        expect(r.cancelAt).toBeGreaterThan(r.at);
      }
    }
    expect(new Set(day.map((r) => r.id)).size).toBe(500);
  });

  it('puts peaks at the shift changes, lunch and train arrivals at the station', () => {
    const day = generateDemand(params, { seed: 3, requests: 2000 });
    const inHour = (h: number): number => day.filter((r) => Math.floor(r.at / 3600) === h).length;
    expect(inHour(8)).toBeGreaterThan(2 * inHour(10));
    expect(inHour(17)).toBeGreaterThan(2 * inHour(15));
    expect(inHour(12)).toBeGreaterThan(2 * inHour(14));
    const oryu = params.places.findIndex((p) => p.code === 'gd-oryu-stn');
    const trains = day.filter((r) => r.component.startsWith('trains'));
    expect(trains.length).toBeGreaterThan(0);
    expect(trains.every((r) => r.from === oryu)).toBe(true);
    // Calls cluster right after the trains (every 10 min from 07:00): most within 4 minutes.
    const soon = trains.filter((r) => (r.at - secondsOfDay('07:00')) % 600 < 240).length;
    expect(soon / trains.length).toBeGreaterThan(0.7);
    // Morning: to the factories; evening shift end: from them.
    const morning = day.filter((r) => r.component === 'day shift in');
    expect(morning.every((r) => params.places[r.to].kind === 'factory')).toBe(true);
  });

  it('draws no-shows and cancellations near their shares', () => {
    const day = generateDemand(params, { seed: 5, requests: 4000 });
    const noShow = day.filter((r) => r.noShow).length / day.length;
    const cancel = day.filter((r) => r.cancelAt !== null).length / day.length;
    expect(Math.abs(noShow - params.noShowShare)).toBeLessThan(0.015);
    expect(Math.abs(cancel - params.cancelShare)).toBeLessThan(0.015);
    expect(day.filter(intendsToRide).length).toBe(
      day.length - day.filter((r) => r.noShow || r.cancelAt !== null).length,
    );
  });

  it('rejects broken parameter files', () => {
    expect(() => validateParams({ ...params, service: { start: '10:00', end: '09:00' } })).toThrow(/service.end/);
    expect(() => validateParams({ ...params, components: [{ ...params.components[0], flow: 'nowhere' }] })).toThrow(
      /unknown flow/,
    );
    expect(() => validateParams({ ...params, fleet: { ...params.fleet, depot: 'x' } } as DayParams)).toThrow(/depot/);
  });
});
