import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Socket } from 'socket.io-client';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { QueueName } from '@app/queues';
import type { RideStatusEvent } from '@app/realtime';
import { api, EventLog, openShuttleAroundTheClock, ShuttleFixture } from './support/shuttle-fixtures';
import { connectSocket, RunningStack, signIn, startStack } from './support/stack';
import { createTestContext, TestContext } from './support/test-context';

const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
const driver1 = DEMO_ACCOUNTS.find((a) => a.email.startsWith('driver1'))!;
const driver2 = DEMO_ACCOUNTS.find((a) => a.email.startsWith('driver2'))!;

describe('shuttle pooling: compatible requests share a van while every promise holds', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  let fx: ShuttleFixture;
  let riderToken: string;
  let socket: Socket;
  let log: EventLog<RideStatusEvent>;

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    fx = await openShuttleAroundTheClock(ctx);
    stack = await startStack(ctx);
    riderToken = (await signIn(stack.apiUrl, rider.email, rider.password)).accessToken;
    // Two standard vans on shift; the wheelchair van stays in the depot.
    for (const driver of [driver1, driver2]) {
      const token = (await signIn(stack.apiUrl, driver.email, driver.password)).accessToken;
      expect((await api(stack.apiUrl, 'POST', '/v1/driver/shifts/start', token, {})).status).toBe(200);
    }
    socket = await connectSocket(stack.gatewayUrl, riderToken);
    log = new EventLog<RideStatusEvent>(socket, 'ride.status');
  });

  afterAll(async () => {
    socket?.close();
    await stack?.close();
    await fx?.close();
    await ctx?.dispose();
  });

  const book = async (body: Record<string, unknown>) => {
    const res = await api<{ id: string; status: string }>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-oryu-stn'),
      dropoffStopId: fx.stop('gd-f-hanbit'),
      timeMode: 'now',
      ...body,
    });
    expect(res.status).toBe(202);
    return log.waitFor(
      (e) => e.rideId === res.body.id && (e.status === 'assigned' || e.status === 'rejected'),
      10_000,
      `decision on ${res.body.id}`,
    );
  };

  it("puts the second compatible request on the first one's van, then a request that does not fit on the other van", async () => {
    const first = await book({ passengers: 2 });
    const second = await book({ passengers: 2 });
    expect(first.status).toBe('assigned');
    expect(second.status).toBe('assigned');
    expect(second.vehicle!.id).toBe(first.vehicle!.id);

    // Both promises hold in the shared plan.
    const plan = await fx.db.query<{
      stops: { taskId: string; kind: string; serviceStart: string; loadAfter: number[] }[];
    }>('SELECT stops FROM vehicle_plans WHERE vehicle_id = $1', [first.vehicle!.id]);
    for (const ride of [first, second]) {
      const row = await fx.db.query<{ promised_pickup_from: Date; promised_pickup_to: Date; max_ride_s: number }>(
        'SELECT promised_pickup_from, promised_pickup_to, max_ride_s FROM rides WHERE id = $1',
        [ride.rideId],
      );
      const pickup = plan.rows[0].stops.find((s) => s.taskId === ride.rideId && s.kind === 'pickup')!;
      const drop = plan.rows[0].stops.find((s) => s.taskId === ride.rideId && s.kind === 'dropoff')!;
      expect(Date.parse(pickup.serviceStart)).toBeGreaterThanOrEqual(row.rows[0].promised_pickup_from.getTime() - 1000);
      expect(Date.parse(pickup.serviceStart)).toBeLessThanOrEqual(row.rows[0].promised_pickup_to.getTime() + 1000);
      expect((Date.parse(drop.serviceStart) - Date.parse(pickup.serviceStart)) / 1000).toBeLessThanOrEqual(
        row.rows[0].max_ride_s + 61,
      );
    }
    expect(Math.max(...plan.rows[0].stops.map((s) => s.loadAfter[0]))).toBe(4);

    // 9 more riders do not fit beside 4 in an 11-seat van: the other van takes them.
    const third = await book({ passengers: 9 });
    expect(third.status).toBe('assigned');
    expect(third.vehicle!.id).not.toBe(first.vehicle!.id);
  });

  it('rejects a request no van on shift can serve, with a reason code and the decision recorded', async () => {
    const wheelchair = await book({ passengers: 1, needs: ['wheelchair'] });
    expect(wheelchair.status).toBe('rejected');
    expect(wheelchair.rejection!.code).toBe('ACCESSIBILITY');
    expect(Array.isArray(wheelchair.rejection!.alternatives)).toBe(true);
    const decision = await fx.db.query<{ outcome: string; code: string; reason: string }>(
      'SELECT outcome, code, reason FROM dispatch_decisions WHERE ride_id = $1',
      [wheelchair.rideId],
    );
    expect(decision.rows[0]).toMatchObject({ outcome: 'rejected', code: 'ACCESSIBILITY' });
  });

  it('moves riders not yet picked up to another van when their driver goes offline', async () => {
    const driverToken = (await signIn(stack.apiUrl, driver1.email, driver1.password)).accessToken;
    const ride = await book({ passengers: 1, pickupStopId: fx.stop('gd-ibk'), dropoffStopId: fx.stop('gd-f-seohae') });
    expect(ride.status).toBe('assigned');
    const plate = await fx.db.query<{ plate: string }>('SELECT plate FROM vehicles WHERE id = $1', [ride.vehicle!.id]);
    const owner =
      plate.rows[0].plate === '인천 70바 1201'
        ? driverToken
        : (await signIn(stack.apiUrl, driver2.email, driver2.password)).accessToken;
    expect((await api(stack.apiUrl, 'POST', '/v1/driver/offline', owner)).status).toBe(200);
    const moved = await log.waitFor(
      (e) =>
        e.rideId === ride.rideId &&
        e.version > ride.version &&
        (e.status === 'rejected' || (e.status === 'assigned' && e.vehicle?.id !== ride.vehicle!.id)),
      10_000,
      'reassignment',
    );
    if (moved.status === 'assigned') expect(moved.vehicle!.id).not.toBe(ride.vehicle!.id);
    else expect(moved.rejection!.code).toBe('VEHICLE_UNAVAILABLE');
    const oldPlan = await fx.db.query<{ stops: { taskId: string }[] }>(
      'SELECT stops FROM vehicle_plans WHERE vehicle_id = $1',
      [ride.vehicle!.id],
    );
    expect(oldPlan.rows[0].stops.some((s) => s.taskId === ride.rideId)).toBe(false);
  });
  it('offers up to three alternative times when the vans are busy now but free later', async () => {
    // Full-van parties keep coming until the one van left on line cannot take one in its window.
    let rejected: RideStatusEvent | undefined;
    for (let i = 0; i < 6 && !rejected; i++) {
      const decision = await book({
        passengers: 11,
        pickupStopId: fx.stop('gd-north-gate'),
        dropoffStopId: fx.stop('gd-f-logistics'),
      });
      if (decision.status === 'rejected') rejected = decision;
    }
    expect(rejected).toBeDefined();
    const alternatives = rejected!.rejection!.alternatives;
    expect(alternatives.length).toBeGreaterThan(0);
    expect(alternatives.length).toBeLessThanOrEqual(3);
    for (const alt of alternatives) expect(Date.parse(alt.pickupAt)).toBeGreaterThan(Date.now());
  });
  it('leaves no failed or retried dispatch job behind', async () => {
    const queue = stack.apps.api.get<Queue>(getQueueToken(QueueName.Dispatch), { strict: false });
    const failed = await queue.getFailed();
    expect(failed.map((j) => `${j.name}: ${j.failedReason}`)).toEqual([]);
    const completed = await queue.getCompleted();
    expect(
      completed.filter((j) => j.attemptsMade > 1).map((j) => `${j.name} retried: ${j.stacktrace?.[0] ?? ''}`),
    ).toEqual([]);
  });
});
