import {
  createHaversineProvider,
  haversineMatrix,
  haversineMeters,
  matrixFromRows,
  speedAt,
  DEFAULT_SPEED_PROFILE,
} from './travel-time';

describe('travel time', () => {
  const geomdan = { lat: 37.5947, lng: 126.6727 };
  const airport = { lat: 37.4602, lng: 126.4407 };

  it('measures great-circle distance', () => {
    // Geomdan new town to Incheon airport terminal 1: about 25 km as the crow flies
    expect(haversineMeters(geomdan, airport) / 1000).toBeGreaterThan(24);
    expect(haversineMeters(geomdan, airport) / 1000).toBeLessThan(26);
    expect(haversineMeters(geomdan, geomdan)).toBe(0);
  });

  it('drives slower in the Seoul morning peak than at night', () => {
    const peak = new Date('2026-03-02T08:30:00+09:00');
    const night = new Date('2026-03-02T02:30:00+09:00');
    expect(speedAt(DEFAULT_SPEED_PROFILE, peak)).toBeLessThan(speedAt(DEFAULT_SPEED_PROFILE, night));
    const a = haversineMatrix([geomdan, airport], peak).seconds[0][1];
    const b = haversineMatrix([geomdan, airport], night).seconds[0][1];
    expect(a).toBeGreaterThan(b);
  });

  it('serves the same numbers through the async provider and flattens them for the engine', async () => {
    const at = new Date('2026-03-02T12:00:00+09:00');
    const rows = await createHaversineProvider({ roadFactor: 1.4 }).matrix([geomdan, airport], at);
    expect(rows.meters[0][1]).toBeCloseTo(haversineMeters(geomdan, airport) * 1.4, 6);
    const m = matrixFromRows(rows.seconds, rows.meters);
    expect(m.size).toBe(2);
    expect(m.time[1]).toBe(rows.seconds[0][1]);
    expect(m.distance[2]).toBe(rows.meters[1][0]);
  });
});
