import { DateTime } from 'luxon';
import { haversineMatrix, LatLng } from '@app/dispatch';

/**
 * A realistic luggage day, deterministic from a seed: hotels (and homes) across Seoul and
 * Incheon ↔ Incheon Airport T1/T2. Hotel → airport jobs have deadlines from flight times
 * (departure − buffer) and a pickup window fitted before them; airport → hotel jobs are picked
 * up after landing and delivered in the evening window. Pure: used by the planning test and
 * the bench.
 */
export interface FixturePlace {
  code: string;
  lat: number;
  lng: number;
}

export interface FixtureBooking {
  id: string;
  origin: string;
  destination: string;
  direction: 'to_airport' | 'from_airport';
  bags: { carry_on: number; suitcase: number; oversize: number };
  flightAt: Date;
  pickupFrom: Date;
  pickupTo: Date;
  deliverFrom: Date;
  deadline: Date;
}

export const AIRPORTS: FixturePlace[] = [
  { code: 'icn-t1', lat: 37.4492, lng: 126.451 },
  { code: 'icn-t2', lat: 37.4681, lng: 126.433 },
];

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FixtureOptions {
  count: number;
  seed: number;
  /** Local midnight of the service day. */
  day: DateTime;
  hotels: FixturePlace[];
  airportBufferMin?: number;
  eveningWindow?: [number, number];
  stopServiceS?: number;
  /** Share of hotel → airport jobs (default 0.6). */
  toAirportShare?: number;
  /** Most bags per booking (default 3). */
  maxBags?: number;
  /** Length of the pickup windows, hours (default 2). */
  pickupWindowH?: number;
  /** Travel-time estimate used to fit windows (seconds between two points). */
  travelS?: (a: LatLng, b: LatLng) => number;
}

export function defaultTravelS(a: LatLng, b: LatLng): number {
  // The planner's estimate at 10:00 local: haversine × 1.3 at the default speed profile.
  return haversineMatrix([a, b], new Date(Date.UTC(2026, 0, 1, 1, 0)))['seconds'][0][1];
}

export function generateLuggageDay(options: FixtureOptions): FixtureBooking[] {
  const rnd = mulberry32(options.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const buffer = options.airportBufferMin ?? 150;
  const [evFrom, evTo] = options.eveningWindow ?? [18, 21];
  const service = options.stopServiceS ?? 300;
  const travelS = options.travelS ?? defaultTravelS;
  const maxBags = options.maxBags ?? 3;
  const at = (hours: number) => options.day.plus({ minutes: Math.round(hours * 60) }).toJSDate();
  const out: FixtureBooking[] = [];
  for (let i = 0; i < options.count; i++) {
    const hotel = pick(options.hotels);
    const airport = pick(AIRPORTS);
    const n = 1 + Math.floor(rnd() * maxBags);
    const oversize = rnd() < 0.1 ? 1 : 0;
    const carry = Math.floor(rnd() * (n - oversize + 1));
    const bags = { carry_on: carry, suitcase: Math.max(0, n - oversize - carry), oversize };
    if (bags.carry_on + bags.suitcase + bags.oversize === 0) bags.suitcase = 1;
    const drive = travelS(hotel, airport) / 3600;
    if (rnd() < (options.toAirportShare ?? 0.6)) {
      // Departures 12:00–22:00; the bags must be at the airport 150 min before.
      // Early flights from far hotels are moved later: the van must be able to get there first.
      const departure = Math.max(12 + Math.round(rnd() * 120) / 12, 9 + drive * 2 + buffer / 60);
      const deadline = departure - buffer / 60;
      const latestPickup = deadline - drive - (2 * service) / 3600;
      const w = options.pickupWindowH ?? 2;
      const from = Math.max(7.5, latestPickup - w + 0.5 - rnd() * 3);
      const to = Math.min(from + w, latestPickup);
      out.push({
        id: `fx-${options.seed}-${i}`,
        origin: hotel.code,
        destination: airport.code,
        direction: 'to_airport',
        bags,
        flightAt: at(departure),
        pickupFrom: at(from),
        pickupTo: at(to),
        deliverFrom: at(from),
        deadline: at(deadline),
      });
    } else {
      // Arrivals 07:00–15:00; bags at the counter an hour later; delivered 18:00–21:00.
      const arrival = 7 + Math.round(rnd() * 96) / 12;
      const from = arrival + 1;
      out.push({
        id: `fx-${options.seed}-${i}`,
        origin: airport.code,
        destination: hotel.code,
        direction: 'from_airport',
        bags,
        flightAt: at(arrival),
        pickupFrom: at(from),
        pickupTo: at(Math.min(from + Math.max(3, options.pickupWindowH ?? 2), evTo - drive - 0.2)),
        deliverFrom: at(evFrom),
        deadline: at(evTo),
      });
    }
  }
  return out;
}
