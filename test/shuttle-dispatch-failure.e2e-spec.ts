import { getQueueToken } from '@nestjs/bullmq';
import { Queue, UnrecoverableError } from 'bullmq';
import { Socket } from 'socket.io-client';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { ShuttlePlanner } from '@app/planning';
import { DispatchJob, QueueName } from '@app/queues';
import type { RideStatusEvent } from '@app/realtime';
import { api, EventLog, openShuttleAroundTheClock, ShuttleFixture } from './support/shuttle-fixtures';
import { connectSocket, RunningStack, signIn, startStack } from './support/stack';
import { createTestContext, TestContext } from './support/test-context';

const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;

/** An AssignRide job that fails for good must not leave the ride `requested` forever. */
describe('shuttle: a ride request the dispatcher cannot plan at all', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  let fx: ShuttleFixture;
  let riderToken: string;
  let riderId: string;
  let socket: Socket;
  let log: EventLog<RideStatusEvent>;
  let assign: jest.SpyInstance;

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    fx = await openShuttleAroundTheClock(ctx);
    stack = await startStack(ctx);
    const session = await signIn(stack.apiUrl, rider.email, rider.password);
    riderToken = session.accessToken;
    riderId = session.user.id;
    socket = await connectSocket(stack.gatewayUrl, riderToken);
    log = new EventLog<RideStatusEvent>(socket, 'ride.status');
    assign = jest.spyOn(stack.apps.dispatcher.get(ShuttlePlanner), 'assign');
  });

  afterAll(async () => {
    assign?.mockRestore();
    socket?.close();
    await stack?.close();
    await fx?.close();
    await ctx?.dispose();
  });

  it('rejects the ride with DISPATCH_FAILED when its job fails unrecoverably, and tells the rider', async () => {
    assign.mockRejectedValueOnce(new UnrecoverableError('area lookup failed'));
    const booked = await api<{ id: string; status: string }>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-oryu-stn'),
      dropoffStopId: fx.stop('gd-f-hanbit'),
      passengers: 1,
      timeMode: 'now',
    });
    expect(booked.status).toBe(202);
    const heard = await log.waitFor((e) => e.rideId === booked.body.id && e.status === 'rejected', 10_000, 'rejection');
    expect(heard.rejection?.code).toBe('DISPATCH_FAILED');
    const ride = await api<{ status: string; rejection: { code: string } | null }>(
      stack.apiUrl,
      'GET',
      `/v1/rides/${booked.body.id}`,
      riderToken,
    );
    expect(ride.body).toMatchObject({ status: 'rejected' });
    const decision = await fx.db.query<{ code: string }>(
      `SELECT code FROM dispatch_decisions WHERE ride_id = $1 AND outcome = 'rejected'`,
      [booked.body.id],
    );
    expect(decision.rows.map((r) => r.code)).toEqual(['DISPATCH_FAILED']);
  });

  it('rejects it after the last of its attempts failed, not before', async () => {
    const queue = stack.apps.dispatcher.get<Queue>(getQueueToken(QueueName.Dispatch), { strict: false });
    // A request with no job of its own; its job (2 attempts) fails both times.
    const inserted = await fx.db.query<{ id: string }>(
      `INSERT INTO rides (area_id, rider_user_id, booked_by_user_id, channel, pickup_place_id, dropoff_place_id, passengers, needs, time_mode, requested_time, status, version, alternatives)
       VALUES ($1, $2, $2, 'app', $3, $4, 1, '{}', 'now', now(), 'requested', 1, '[]'::jsonb) RETURNING id`,
      [fx.areaId, riderId, fx.stop('gd-oryu-stn'), fx.stop('gd-f-hanbit')],
    );
    const rideId = inserted.rows[0].id;
    let calls = 0;
    assign.mockImplementation((id: string) => {
      if (id !== rideId) return Promise.resolve();
      calls += 1;
      return Promise.reject(new Error(`transient failure ${calls}`));
    });
    await queue.add(
      DispatchJob.AssignRide,
      { rideId },
      { jobId: `assign-fails.${rideId}`, attempts: 2, backoff: { type: 'fixed', delay: 300 } },
    );
    const heard = await log.waitFor(
      (e) => e.rideId === rideId && e.status === 'rejected',
      10_000,
      'rejection after the last attempt',
    );
    expect(calls).toBe(2);
    expect(heard.rejection?.code).toBe('DISPATCH_FAILED');
    const row = await fx.db.query<{ status: string; rejection_code: string }>(
      'SELECT status, rejection_code FROM rides WHERE id = $1',
      [rideId],
    );
    expect(row.rows[0]).toEqual({ status: 'rejected', rejection_code: 'DISPATCH_FAILED' });
  });
});
