import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { DateTime } from 'luxon';
import { DEFAULT_SPEED_PROFILE, createRng, LatLng, Rng, speedAt } from '@app/dispatch';
import { DEMO_PLACES } from '@app/database';
import { PlaceKind } from '@app/domain';
import { ApiClient } from './client';
import { Leg, planLeg, positionOn } from './geo';
import { World } from './world';

/** A tiny valid PNG (w×h, one colour), as a phone camera stand-in for bag photos. */
export function tinyPng(seed: number, size = 2): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: size }, () => [seed & 0xff, (seed >> 8) & 0xff, 0x80]).flat()),
  ]);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

interface Task {
  id: string;
  status: string;
  direction: string;
  origin: { code: string; lat: number; lng: number };
  destination: { code: string; lat: number; lng: number };
  bags: { total: number };
  pickupWindow: { start: string; end: string };
  plannedPickupAt: string | null;
  handoverLocked: boolean;
}

const AIRPORTS = DEMO_PLACES.filter((p) => p.kind === PlaceKind.Airport);
const HOTELS = DEMO_PLACES.filter((p) => p.kind === PlaceKind.Hotel);
const AIRLINES = ['KE', 'OZ', '7C', 'LJ', 'TW', 'JL', 'NH', 'CX', 'SQ'];

class Courier {
  pos: LatLng;
  leg: Leg | null = null;
  tasks: Task[] = [];
  lastFetch = 0;
  busy = false;
  at: number | null = null;

  constructor(
    readonly client: ApiClient,
    start: LatLng,
  ) {
    this.pos = start;
  }
}

/**
 * Free-Lug traffic: travellers quote and book (hotel → airport for later flights in the
 * simulated morning, airport → hotel arrivals later in the day); couriers work their tasks in
 * plan order in real time — set off when the planned pickup comes near, drive at the planned
 * pace, pick up with a photo and tag per bag, go in transit, and hand over with the traveller's
 * PIN. The area's own rules (same-day cutoff, windows) apply unchanged.
 */
export class LuggageTraffic {
  private readonly couriers: Courier[] = [];
  private readonly pins = new Map<string, string>();
  private readonly rng: Rng;
  private nextBookingAt = 0;

  constructor(
    private readonly apiUrl: string,
    private readonly world: World,
    seed: number,
    private readonly say: (line: string) => void,
    /** Bookings per real hour. */
    private readonly perHour = 6,
    /** Travellers book the places whose codes are the demo ones with this prefix (the simulator's own area's). */
    private readonly placePrefix = '',
  ) {
    this.rng = createRng(seed + 7);
  }

  /** `couriers`: the simulator's own courier accounts (never the printed demo logins). */
  async prepare(couriers: readonly { email: string; password: string }[]): Promise<void> {
    const hub = DEMO_PLACES.find((p) => p.code === 'fl-depot')!;
    for (const a of couriers) {
      const client = new ApiClient(this.apiUrl, { email: a.email, password: a.password });
      await client.signIn();
      this.couriers.push(new Courier(client, { lat: hub.lat, lng: hub.lng }));
    }
  }

  close(): void {
    this.couriers.length = 0;
  }

  async tick(now = Date.now()): Promise<void> {
    if (now >= this.nextBookingAt) {
      this.nextBookingAt = now + (3_600_000 / this.perHour) * (0.5 + this.rng.next());
      await this.book(now).catch((e: Error) => this.say(`traveller: ${e.message}`));
    }
    await Promise.all(
      this.couriers.map((c) => this.work(c, now).catch((e: Error) => this.say(`courier: ${e.message}`))),
    );
  }

  private async book(now: number): Promise<void> {
    const client = new ApiClient(this.apiUrl, null);
    const seoul = DateTime.fromMillis(now, { zone: 'Asia/Seoul' });
    const hotel = HOTELS[this.rng.int(HOTELS.length)];
    const airport = AIRPORTS[this.rng.int(AIRPORTS.length)];
    // Mornings send bags to afternoon flights; later, arrivals send bags to hotels.
    const toAirport = seoul.hour < 12 ? this.rng.next() < 0.8 : this.rng.next() < 0.4;
    // To the airport: same day only before the cutoff (10:00), else a flight tomorrow afternoon.
    const flightAt = toAirport
      ? seoul.hour < 9
        ? seoul.plus({ hours: 6 + this.rng.int(4) }).startOf('hour')
        : seoul
            .plus({ days: 1 })
            .set({ hour: 12 + this.rng.int(9), minute: 5 * this.rng.int(12), second: 0, millisecond: 0 })
      : seoul.plus({ minutes: 30 + this.rng.int(150) }).set({ second: 0, millisecond: 0 });
    const bags = { carry_on: this.rng.int(2), suitcase: 1 + this.rng.int(2), oversize: this.rng.next() < 0.1 ? 1 : 0 };
    const request = {
      origin: this.placePrefix + (toAirport ? hotel.code : airport.code),
      destination: this.placePrefix + (toAirport ? airport.code : hotel.code),
      bags,
      flightNumber: `${AIRLINES[this.rng.int(AIRLINES.length)]}${100 + this.rng.int(900)}`,
      flightAt: flightAt.toISO({ suppressMilliseconds: true })!,
    };
    const quote = await client.request<{ quoteToken: string }>('POST', '/v1/luggage/quotes', request);
    const created = await client.request<{ id: string; pin: string; serviceDate: string }>(
      'POST',
      '/v1/luggage/bookings',
      {
        ...request,
        quoteToken: quote.quoteToken,
        contact: { name: 'Sim Traveller', phone: '010-5555-0101', email: 'traveller@sim.geomdan.kr' },
        language: this.rng.next() < 0.5 ? 'en' : 'ko',
        prohibitedItemsConfirmed: true,
      },
      { 'idempotency-key': `sim-${randomUUID()}` },
    );
    this.pins.set(created.id, created.pin);
    this.world.tally.luggageBooked++;
  }

  /** One courier step: fetch tasks now and then, drive, and do the custody step that is due. */
  private async work(c: Courier, now: number): Promise<void> {
    if (c.busy) return;
    c.busy = true;
    try {
      if (now - c.lastFetch > 10_000) {
        c.lastFetch = now;
        c.tasks = await c.client.request<Task[]>('GET', '/v1/luggage/courier/tasks');
      }
      const task = c.tasks.find((t) => !t.handoverLocked && this.pins.has(t.id));
      if (!task) return;
      const kmh = speedAt(DEFAULT_SPEED_PROFILE, new Date(now));
      const base = `/v1/luggage/courier/bookings/${task.id}`;
      switch (task.status) {
        case 'assigned': {
          // Set off so as to reach the pickup by the plan's time.
          const planned = Date.parse(task.plannedPickupAt ?? task.pickupWindow.start);
          const leg = planLeg(`${task.id}:pickup`, c.pos, task.origin, now, kmh, 1.3);
          if (now + (leg.arriveAt - now) < planned - 60_000) return;
          await c.client.request('POST', `${base}/en-route`, { lat: c.pos.lat, lng: c.pos.lng });
          c.leg = leg;
          task.status = 'courier_en_route';
          return;
        }
        case 'courier_en_route': {
          if (!c.leg || c.leg.key !== `${task.id}:pickup`)
            c.leg = planLeg(`${task.id}:pickup`, c.pos, task.origin, now, kmh, 1.3);
          if (!(await this.drive(c, now))) return;
          const form = new FormData();
          const n = Math.max(1, task.bags.total);
          form.append('bagCount', String(n));
          form.append(
            'tags',
            Array.from({ length: n }, (_, k) => `FL-SIM-${task.id.slice(0, 4).toUpperCase()}${k + 1}`).join(','),
          );
          form.append('lat', String(c.pos.lat));
          form.append('lng', String(c.pos.lng));
          for (let k = 0; k < n; k++)
            form.append(
              'photos',
              new Blob([new Uint8Array(tinyPng(k + 1))], { type: 'image/png' }),
              `bag-${k + 1}.png`,
            );
          await c.client.request('POST', `${base}/pickup`, form);
          await c.client.request('POST', `${base}/in-transit`, {});
          c.leg = null;
          task.status = 'in_transit';
          return;
        }
        case 'picked_up':
          await c.client.request('POST', `${base}/in-transit`, {});
          task.status = 'in_transit';
          return;
        case 'in_transit': {
          if (!c.leg || c.leg.key !== `${task.id}:deliver`)
            c.leg = planLeg(`${task.id}:deliver`, c.pos, task.destination, now, kmh, 1.3);
          if (!(await this.drive(c, now))) return;
          await c.client.request('POST', `${base}/deliver`, {
            pin: this.pins.get(task.id),
            lat: c.pos.lat,
            lng: c.pos.lng,
          });
          this.pins.delete(task.id);
          this.world.tally.luggageDelivered++;
          c.leg = null;
          c.lastFetch = 0;
          return;
        }
        default:
          return;
      }
    } finally {
      c.busy = false;
    }
  }

  /** Moves the courier along its leg; posts the position every 10 s; true once there. */
  private async drive(c: Courier, now: number): Promise<boolean> {
    const where = positionOn(c.leg!, now);
    c.pos = where.at;
    if (c.at === null || now - c.at >= 10_000 || where.arrived) {
      c.at = now;
      await c.client.request('POST', '/v1/luggage/courier/position', {
        lat: Number(where.at.lat.toFixed(6)),
        lng: Number(where.at.lng.toFixed(6)),
      });
      this.world.tally.positions++;
    }
    return where.arrived;
  }
}
