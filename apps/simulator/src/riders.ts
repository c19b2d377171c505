import { randomUUID } from 'node:crypto';
import { DayParams, SimRequest } from '@app/simulation';
import { ApiClient, ApiError } from './client';
import { DemandClock } from './pacing';
import { World } from './world';

interface Rider {
  client: ApiClient;
  /** The ride this rider is on or waiting for. */
  rideId: string | null;
  bookedAt: number;
}

const RIDER_PASSWORD = 'sim-rider-demo-1234';

/**
 * Park workers: the simulator's own accounts (never the printed demo rider), signed up on first run
 * with the employer code of its own company (so they belong to, and book in, its own area), signed
 * in afterwards. Calls come from the day's demand profile on the
 * simulator's accelerated clock; a call is a "now" ride from one stop to another; some riders
 * cancel a little later and some will not be at the stop.
 */
export class RiderCrowd {
  private readonly riders: Rider[] = [];
  private stops = new Map<string, string>();

  constructor(
    private readonly apiUrl: string,
    private readonly params: DayParams,
    private readonly clock: DemandClock,
    private readonly world: World,
    private readonly say: (line: string) => void,
    /** Riders book the stops whose codes are the demo ones with this prefix (the simulator's own area's). */
    private readonly stopPrefix = '',
  ) {}

  async prepare(areaId: string, employerCode: string, count: number): Promise<void> {
    const list = await new ApiClient(this.apiUrl, null).request<{ stops: { id: string; code: string }[] }>(
      'GET',
      `/v1/shuttle/areas/${areaId}/stops`,
    );
    this.stops = new Map(
      list.stops
        .filter((s) => s.code.startsWith(this.stopPrefix))
        .map((s) => [s.code.slice(this.stopPrefix.length), s.id]),
    );
    for (let k = 1; this.riders.length < count; k++) {
      // Not sim-rider-NN: an older run's riders of that name belong to the demo area.
      const email = `sim-area-rider-${String(k).padStart(2, '0')}@sim.geomdan.kr`;
      const client = new ApiClient(this.apiUrl, { email, password: RIDER_PASSWORD });
      try {
        const tokens = await client.request<{ accessToken: string; user?: { id: string } }>(
          'POST',
          '/v1/riders/sign-up',
          {
            employerCode,
            email,
            password: RIDER_PASSWORD,
            displayName: `시뮬 ${k}`,
            locale: 'ko',
          },
        );
        client.adopt(tokens.accessToken, tokens.user?.id);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 409)) throw error;
        await client.signIn(); // signed up by an earlier run
      }
      this.riders.push({ client, rideId: null, bookedAt: 0 });
    }
  }

  /** Books the calls that are due on the simulator's clock. */
  async tick(now = Date.now()): Promise<void> {
    for (const call of this.clock.due(now)) await this.book(call, now);
  }

  /** One call right away, so the board moves within a minute of starting. */
  async kickOff(call: SimRequest, now = Date.now()): Promise<void> {
    await this.book(call, now);
  }

  private async book(call: SimRequest, now: number): Promise<void> {
    for (const r of this.riders)
      if (r.rideId && (this.world.finished.has(r.rideId) || now - r.bookedAt > 60 * 60_000)) r.rideId = null;
    const rider = this.riders.find((r) => r.rideId === null);
    const from = this.stops.get(this.params.places[call.from].code);
    const to = this.stops.get(this.params.places[call.to].code);
    if (!rider || !from || !to) {
      this.world.tally.bookFailed++;
      return;
    }
    try {
      const ride = await rider.client.request<{ id: string; status: string }>(
        'POST',
        '/v1/rides',
        { pickupStopId: from, dropoffStopId: to, passengers: call.passengers, timeMode: 'now' },
        { 'idempotency-key': `sim-${randomUUID()}` },
      );
      rider.rideId = ride.id;
      rider.bookedAt = now;
      this.world.tally.booked++;
      this.world.intents.set(ride.id, call.noShow ? 'absent' : 'ride');
      this.follow(rider, ride.id, call);
    } catch (error) {
      this.world.tally.bookFailed++;
      this.say(`rider: booking refused (${(error as Error).message})`);
    }
  }

  /** Learns whether the ride was placed; cancels it later if this rider is one who cancels. */
  private follow(rider: Rider, rideId: string, call: SimRequest): void {
    const check = setTimeout(() => {
      rider.client
        .request<{ status: string }>('GET', `/v1/rides/${rideId}`)
        .then((ride) => {
          if (ride.status === 'rejected') {
            this.world.tally.rejected++;
            this.world.finish(rideId);
          } else if (ride.status !== 'requested') this.world.tally.assigned++;
        })
        .catch(() => undefined);
    }, 5000);
    check.unref();
    if (call.cancelAt === null) return;
    // Riders react in real time, but not slower than the accelerated day: at least 20 s later.
    const after = Math.max(20_000, this.clock.realMs(call.cancelAt - call.at));
    const cancel = setTimeout(() => {
      rider.client
        .request('POST', `/v1/rides/${rideId}/cancel`, { reason: 'plans changed (simulated)' })
        .then(() => {
          this.world.tally.cancelled++;
          this.world.finish(rideId);
        })
        .catch(() => undefined); // already picked up or finished
    }, after);
    cancel.unref();
  }
}
