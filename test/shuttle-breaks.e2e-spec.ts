import { Socket } from 'socket.io-client';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import type { RideStatusEvent } from '@app/realtime';
import { api, EventLog, openShuttleAroundTheClock, ShuttleFixture } from './support/shuttle-fixtures';
import { connectSocket, RunningStack, signIn, startStack } from './support/stack';
import { createTestContext, TestContext } from './support/test-context';

const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
const admin = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;
const driver1 = DEMO_ACCOUNTS.find((a) => a.email.startsWith('driver1'))!;

describe("shuttle: a driver's planned break (set by the admin) is kept free of work", () => {
  let ctx: TestContext;
  let stack: RunningStack;
  let fx: ShuttleFixture;
  let riderToken: string;
  let adminToken: string;
  let shiftId: string;
  let log: EventLog<RideStatusEvent>;
  const sockets: Socket[] = [];
  const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
  const book = () =>
    api<{ id: string }>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-oryu-stn'),
      dropoffStopId: fx.stop('gd-f-hanbit'),
      passengers: 1,
      timeMode: 'now',
    });
  const setBreaks = async (breaks: Array<{ start: string; end: string }>) => {
    const res = await api(stack.apiUrl, 'PATCH', `/v1/admin/shifts/${shiftId}`, adminToken, { breaks });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    fx = await openShuttleAroundTheClock(ctx);
    stack = await startStack(ctx);
    riderToken = (await signIn(stack.apiUrl, rider.email, rider.password)).accessToken;
    adminToken = (await signIn(stack.apiUrl, admin.email, admin.password)).accessToken;
    // One van on shift: the one driver1 starts.
    const driverToken = (await signIn(stack.apiUrl, driver1.email, driver1.password)).accessToken;
    const started = await api<{ shiftId: string }>(stack.apiUrl, 'POST', '/v1/driver/shifts/start', driverToken, {});
    expect(started.status).toBe(200);
    shiftId = started.body.shiftId;
    const socket = await connectSocket(stack.gatewayUrl, riderToken);
    sockets.push(socket);
    log = new EventLog<RideStatusEvent>(socket, 'ride.status');
  });

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await stack?.close();
    await fx?.close();
    await ctx?.dispose();
  });

  it('gives no ride to the only van while its driver is on a break, and offers times after it', async () => {
    const breakEnd = minutesFromNow(40);
    await setBreaks([{ start: minutesFromNow(-1), end: breakEnd }]);
    const booked = await book();
    expect(booked.status).toBe(202);
    const rejected = await log.waitFor(
      (e) => e.rideId === booked.body.id && e.status === 'rejected',
      10_000,
      'rejection',
    );
    expect(rejected.rejection!.alternatives.length).toBeGreaterThan(0);
    // Each offered time opens a pickup window (the area's 15 min max wait) that reaches past the break.
    for (const alt of rejected.rejection!.alternatives)
      expect(Date.parse(alt.pickupAt) + 15 * 60_000).toBeGreaterThanOrEqual(Date.parse(breakEnd));
  });

  it('gives no ride that would run into a break about to start', async () => {
    await setBreaks([{ start: minutesFromNow(2), end: minutesFromNow(40) }]);
    const booked = await book();
    const rejected = await log.waitFor(
      (e) => e.rideId === booked.body.id && e.status === 'rejected',
      10_000,
      'rejection',
    );
    expect(rejected.vehicle).toBeNull();
  });

  it('plans the van again once the break is over (here: removed)', async () => {
    await setBreaks([]);
    const booked = await book();
    const assigned = await log.waitFor(
      (e) => e.rideId === booked.body.id && e.status === 'assigned',
      10_000,
      'assignment',
    );
    expect(assigned.vehicle).not.toBeNull();
  });
});
