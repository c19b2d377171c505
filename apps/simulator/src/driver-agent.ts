import { io, Socket } from 'socket.io-client';
import { DEFAULT_SPEED_PROFILE, LatLng, SpeedProfile, speedAt } from '@app/dispatch';
import { ApiClient, ApiError } from './client';
import { Leg, planLeg, positionOn, headingDeg } from './geo';
import { World } from './world';

interface ManifestStop {
  kind: 'pickup' | 'dropoff';
  placeId: string;
  lat: number;
  lng: number;
  eta: string;
  rider: { rideId: string; status: string; passengers: number; noShowAllowedAt: string | null };
}
interface Manifest {
  vehicleId: string;
  version: number;
  stops: ManifestStop[];
}

export interface DriverOptions {
  readonly gatewayUrl: string;
  readonly start: LatLng;
  readonly roadFactor: number;
  readonly speed?: SpeedProfile;
  /** Real seconds spent at a stop before the pickup / drop-off is confirmed (at most the planned dwell). */
  readonly dwellS: number;
  readonly positionEveryMs: number;
  /** Tests only: drive this many times faster than planned (default 1: the planned pace). */
  readonly driveSpeedFactor?: number;
  readonly say: (line: string) => void;
}

/**
 * A virtual shuttle driver: starts the shift, follows the manifest (refetched on every
 * `manifest.updated` and every few seconds), drives straight to the first stop at the planned
 * pace in real time, posts positions, and at the stop arrives / picks up / drops off, or marks a
 * no-show once the API allows it.
 */
export class DriverAgent {
  private pos: LatLng;
  private leg: Leg | null = null;
  private manifest: Manifest | null = null;
  private dirty = true;
  private lastFetch = 0;
  private lastPosted = 0;
  private atStopSince: number | null = null;
  private socket: Socket | null = null;
  private busy = false;
  onShift = false;

  constructor(
    readonly client: ApiClient,
    private readonly world: World,
    private readonly options: DriverOptions,
  ) {
    this.pos = options.start;
  }

  get name(): string {
    return this.client.credentials?.email.split('@')[0] ?? 'driver';
  }

  /** End of the shift being worked (ms); a new or extended shift is picked up before it. */
  shiftEnd = 0;

  async startShift(): Promise<boolean> {
    try {
      if (this.onShift && Date.now() >= this.shiftEnd)
        await this.client.request('POST', '/v1/driver/shifts/end').catch(() => undefined);
      const shift = await this.client.request<{ vehicleLabel: string; online: boolean; plannedEnd: string }>(
        'POST',
        '/v1/driver/shifts/start',
        {},
      );
      if (!shift.online) await this.client.request('POST', '/v1/driver/online');
      if (!this.onShift)
        this.options.say(`${this.name}: on shift with ${shift.vehicleLabel} until ${shift.plannedEnd}`);
      this.onShift = true;
      this.shiftEnd = Date.parse(shift.plannedEnd);
      if (!this.socket) this.connect();
      return true;
    } catch (error) {
      this.options.say(`${this.name}: cannot start a shift yet (${(error as Error).message})`);
      return false;
    }
  }

  private connect(): void {
    this.socket = io(this.options.gatewayUrl, {
      transports: ['websocket'],
      auth: (cb) => cb({ token: this.client.accessToken }),
      reconnectionDelayMax: 10_000,
    });
    this.socket.on('manifest.updated', () => {
      this.dirty = true;
    });
  }

  close(): void {
    this.socket?.close();
  }

  /** One step of the driver's life; called about every second. */
  async tick(now = Date.now()): Promise<void> {
    if (this.busy || !this.onShift) return;
    this.busy = true;
    try {
      await this.step(now);
    } catch (error) {
      this.dirty = true;
      if (!(error instanceof ApiError && error.status === 409))
        this.options.say(`${this.name}: ${(error as Error).message}`);
    } finally {
      this.busy = false;
    }
  }

  private async step(now: number): Promise<void> {
    if (this.dirty || now - this.lastFetch > 5000) {
      this.dirty = false;
      this.lastFetch = now;
      this.manifest = await this.client.request<Manifest>('GET', '/v1/driver/manifest');
    }
    const stop = this.manifest?.stops[0];
    if (!stop) {
      this.leg = null;
      this.atStopSince = null;
      if (now - this.lastPosted > 15_000) await this.post(this.pos, 0, undefined, now);
      return;
    }
    const key = `${stop.rider.rideId}:${stop.kind}`;
    const target = { lat: stop.lat, lng: stop.lng };
    if (this.leg?.key !== key) {
      const kmh =
        speedAt(this.options.speed ?? DEFAULT_SPEED_PROFILE, new Date(now)) * (this.options.driveSpeedFactor ?? 1);
      this.leg = planLeg(key, this.pos, target, now, kmh, this.options.roadFactor);
      this.atStopSince = null;
    }
    const where = positionOn(this.leg, now);
    this.pos = where.at;
    if (!where.arrived) {
      if (now - this.lastPosted >= this.options.positionEveryMs)
        await this.post(where.at, where.speed, headingDeg(this.leg.from, this.leg.to), now);
      return;
    }
    if (this.atStopSince === null) {
      this.atStopSince = now;
      await this.post(target, 0, undefined, now);
      if (stop.kind === 'pickup' && stop.rider.status === 'assigned') {
        await this.act(stop.rider.rideId, 'arrive');
        this.world.tally.arrived++;
      }
    }
    const rideId = stop.rider.rideId;
    if (stop.kind === 'pickup' && this.world.intents.get(rideId) === 'absent') {
      // Nobody comes: wait until the API allows the no-show (the stack's real-time rule).
      const allowed = stop.rider.noShowAllowedAt
        ? Date.parse(stop.rider.noShowAllowedAt)
        : this.atStopSince + 3 * 60_000;
      if (now < allowed + 1000) {
        if (now - this.lastFetch > 2000) this.dirty = true;
        return;
      }
      await this.act(rideId, 'no-show');
      this.world.tally.noShows++;
      this.world.finish(rideId);
      return this.next();
    }
    if (now - this.atStopSince < this.options.dwellS * 1000) return;
    if (stop.kind === 'pickup') {
      await this.act(rideId, 'pickup');
      this.world.tally.pickedUp++;
    } else {
      await this.act(rideId, 'dropoff');
      this.world.tally.completed++;
      this.world.finish(rideId);
    }
    this.next();
  }

  private next(): void {
    this.leg = null;
    this.atStopSince = null;
    this.dirty = true;
  }

  private async act(rideId: string, action: 'arrive' | 'pickup' | 'dropoff' | 'no-show'): Promise<void> {
    await this.client.request('POST', `/v1/driver/rides/${rideId}/${action}`);
  }

  private async post(at: LatLng, speed: number, heading: number | undefined, now: number): Promise<void> {
    this.lastPosted = now;
    await this.client.request('POST', '/v1/driver/location', {
      lat: Number(at.lat.toFixed(6)),
      lng: Number(at.lng.toFixed(6)),
      speed: Math.min(70, Number(speed.toFixed(1))),
      ...(heading !== undefined ? { heading: Number(heading.toFixed(0)) % 360 } : {}),
      at: new Date(now).toISOString(),
    });
    this.world.tally.positions++;
  }
}
