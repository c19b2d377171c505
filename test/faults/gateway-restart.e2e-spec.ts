import { INestApplication } from '@nestjs/common';
import { io, Socket } from 'socket.io-client';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import type { RideStatusEvent } from '@app/realtime';
import { createGatewayApp } from '../../apps/gateway/src/gateway.app';
import { api, EventLog, openShuttleAroundTheClock, ShuttleFixture } from '../support/shuttle-fixtures';
import { RunningStack, signIn, startStack } from '../support/stack';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * Restart the gateway while a ride is live: the rider's client reconnects by itself, fetches a
 * snapshot, and then applies only events newer than it: nothing missing, nothing twice.
 */
const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
const driver = DEMO_ACCOUNTS.find((a) => a.email.startsWith('driver1'))!;

interface RideSnapshot {
  id: string;
  status: string;
  version: number;
}

/** What a real client keeps: the newest version applied, and the statuses in order. */
class RideView {
  version = 0;
  statuses: string[] = [];
  applied = 0;
  apply(status: string, version: number): void {
    if (version <= this.version) return; // stale or already seen
    this.version = version;
    if (this.statuses[this.statuses.length - 1] !== status) this.statuses.push(status);
    this.applied += 1;
  }
}

describe('gateway restart', () => {
  let ctx: TestContext;
  let fx: ShuttleFixture;
  let stack: RunningStack;
  let gateway: INestApplication;
  let socket: Socket;

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    fx = await openShuttleAroundTheClock(ctx);
    stack = await startStack(ctx);
    gateway = stack.apps.gateway;
  });

  afterAll(async () => {
    socket?.close();
    await gateway?.close().catch(() => undefined);
    await stack.apps.dispatcher.close();
    await stack.apps.api.close();
    await fx?.close();
    await ctx?.dispose();
  });

  it('lets clients reconnect and resync without missing or repeating a status', async () => {
    const riderToken = (await signIn(stack.apiUrl, rider.email, rider.password)).accessToken;
    const driverToken = (await signIn(stack.apiUrl, driver.email, driver.password)).accessToken;
    expect((await api(stack.apiUrl, 'POST', '/v1/driver/shifts/start', driverToken, {})).status).toBe(200);

    const view = new RideView();
    socket = io(stack.gatewayUrl, {
      transports: ['websocket'],
      auth: { token: riderToken },
      reconnectionDelay: 100,
      reconnectionDelayMax: 300,
    });
    const ready = new EventLog<{ rooms: string[] }>(socket, 'session.ready');
    const statuses = new EventLog<RideStatusEvent>(socket, 'ride.status');
    await ready.waitFor(() => true);

    const booked = await api<RideSnapshot>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-oryu-stn'),
      dropoffStopId: fx.stop('gd-f-hanbit'),
      passengers: 1,
      timeMode: 'now',
    });
    const rideId = booked.body.id;
    view.apply(booked.body.status, booked.body.version);
    statuses.events.length = 0;
    socket.on('ride.status', (e: RideStatusEvent) => e.rideId === rideId && view.apply(e.status, e.version));
    await statuses.waitFor((e) => e.rideId === rideId && e.status === 'assigned', 5000, 'assigned');

    // The gateway goes away; meanwhile the driver arrives (an event nobody can receive).
    const port = Number(new URL(stack.gatewayUrl).port);
    await gateway.close();
    expect((await api(stack.apiUrl, 'POST', `/v1/driver/rides/${rideId}/arrive`, driverToken)).status).toBe(200);

    gateway = await createGatewayApp(ctx.config);
    await gateway.listen(port, '127.0.0.1');
    await ready.waitFor(() => ready.events.length >= 2, 10_000, 'the reconnect');

    // Resync: the snapshot carries the missed status and its version.
    const snapshot = await api<RideSnapshot>(stack.apiUrl, 'GET', `/v1/rides/${rideId}`, riderToken);
    expect(snapshot.body.status).toBe('arrived');
    view.apply(snapshot.body.status, snapshot.body.version);

    expect((await api(stack.apiUrl, 'POST', `/v1/driver/rides/${rideId}/pickup`, driverToken, {})).status).toBe(200);
    expect((await api(stack.apiUrl, 'POST', `/v1/driver/rides/${rideId}/dropoff`, driverToken, {})).status).toBe(200);
    await statuses.waitFor(
      (e) => e.rideId === rideId && e.status === 'completed',
      5000,
      'completed after the reconnect',
    );

    expect(view.statuses).toEqual(['requested', 'assigned', 'arrived', 'on_board', 'completed']);
    const final = await api<RideSnapshot>(stack.apiUrl, 'GET', `/v1/rides/${rideId}`, riderToken);
    expect(view.version).toBe(final.body.version);
  });
});
