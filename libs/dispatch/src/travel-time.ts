import { TravelMatrix } from './model';

export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

/** What a routing backend (OSRM, a table service, the pure estimate below) must provide. */
export interface TravelTimeProvider {
  /** Seconds and metres between every ordered pair of points, for a departure at `departAt`. */
  matrix(points: readonly LatLng[], departAt: Date): Promise<{ seconds: number[][]; meters: number[][] }>;
}

/** Rows (as returned by a provider) to the engine's flat matrix. */
export function matrixFromRows(
  time: readonly (readonly number[])[],
  distance: readonly (readonly number[])[],
): TravelMatrix {
  const size = time.length;
  const t = new Float64Array(size * size);
  const d = new Float64Array(size * size);
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++) {
      t[i * size + j] = time[i][j];
      d[i * size + j] = distance[i][j];
    }
  return { size, time: t, distance: d };
}

/** Plane coordinates, time = distance = Euclidean length (the academic benchmarks' convention). */
export function euclideanMatrix(points: readonly (readonly [number, number])[] | readonly number[][]): TravelMatrix {
  const size = points.length;
  const m = new Float64Array(size * size);
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++) {
      const dx = points[i][0] - points[j][0];
      const dy = points[i][1] - points[j][1];
      m[i * size + j] = Math.sqrt(dx * dx + dy * dy);
    }
  return { size, time: m, distance: m };
}

/** Average road speed by hour of the day, km/h. */
export interface SpeedProfile {
  /** 24 entries, index = local hour. */
  readonly kmhByHour: readonly number[];
  /** Offset of local time from UTC in hours (Asia/Seoul: 9). */
  readonly utcOffsetHours: number;
}

export interface HaversineOptions {
  /** Road distance ÷ great-circle distance. Default 1.3 (urban grid). */
  readonly roadFactor?: number;
  readonly speed?: SpeedProfile;
  /** Added to every non-zero leg: parking, kerb approach. Default 0 s. */
  readonly fixedSecondsPerLeg?: number;
}

/** Incheon-like default: slower in the morning and evening peaks. */
export const DEFAULT_SPEED_PROFILE: SpeedProfile = {
  kmhByHour: [40, 42, 42, 42, 40, 36, 30, 24, 22, 26, 28, 28, 27, 27, 28, 27, 25, 22, 22, 26, 30, 34, 36, 38],
  utcOffsetHours: 9,
};

const EARTH_RADIUS_M = 6_371_008.8;

export function haversineMeters(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Speed (km/h) at a departure time under a profile. */
export function speedAt(profile: SpeedProfile, departAt: Date): number {
  const hour = (((departAt.getUTCHours() + profile.utcOffsetHours) % 24) + 24) % 24;
  return profile.kmhByHour[Math.floor(hour)];
}

/**
 * Pure estimate: great-circle distance × road factor, driven at the profile's speed for the
 * departure hour. Synchronous, for tests, simulations and as a fallback when OSRM is down.
 */
export function haversineMatrix(
  points: readonly LatLng[],
  departAt: Date,
  options: HaversineOptions = {},
): { seconds: number[][]; meters: number[][] } {
  const factor = options.roadFactor ?? 1.3;
  const kmh = speedAt(options.speed ?? DEFAULT_SPEED_PROFILE, departAt);
  const mps = (kmh * 1000) / 3600;
  const fixed = options.fixedSecondsPerLeg ?? 0;
  const meters = points.map((a) => points.map((b) => haversineMeters(a, b) * factor));
  const seconds = meters.map((row) => row.map((m) => (m > 0 ? m / mps + fixed : 0)));
  return { seconds, meters };
}

/** The pure estimate behind the provider interface. */
export function createHaversineProvider(options: HaversineOptions = {}): TravelTimeProvider {
  return { matrix: async (points, departAt) => haversineMatrix(points, departAt, options) };
}
