import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Socket } from 'socket.io-client';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { QueueName } from '@app/queues';
import type { ManifestUpdatedEvent } from '@app/realtime';
import { api, EventLog, openShuttleAroundTheClock, ShuttleFixture } from './support/shuttle-fixtures';
import { connectSocket, RunningStack, signIn, startStack } from './support/stack';
import { createTestContext, TestContext } from './support/test-context';

const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
const dispatcher = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;
const drivers = DEMO_ACCOUNTS.filter((a) => a.email.startsWith('driver'));

const REQUESTS = 200;

/** A fixed pseudo-random sequence so a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('shuttle concurrency: 200 requests at once on a 3-van fleet', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  let fx: ShuttleFixture;
  let board: Socket;

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    fx = await openShuttleAroundTheClock(ctx);
    stack = await startStack(ctx);
    for (const driver of drivers) {
      const token = (await signIn(stack.apiUrl, driver.email, driver.password)).accessToken;
      expect((await api(stack.apiUrl, 'POST', '/v1/driver/shifts/start', token, {})).status).toBe(200);
    }
  });

  afterAll(async () => {
    board?.close();
    await stack?.close();
    await fx?.close();
    await ctx?.dispose();
  });

  it("never lets a plan exceed a van's seats and decides every request", async () => {
    const session = await signIn(stack.apiUrl, dispatcher.email, dispatcher.password);
    board = await connectSocket(stack.gatewayUrl, session.accessToken);
    const manifests = new EventLog<ManifestUpdatedEvent>(board, 'manifest.updated');
    const riderToken = (await signIn(stack.apiUrl, rider.email, rider.password)).accessToken;
    const stops = [...fx.stopIds.entries()].filter(([code]) => code !== 'gd-depot').map(([, id]) => id);
    const rnd = lcg(42);
    const bodies = Array.from({ length: REQUESTS }, () => {
      const a = Math.floor(rnd() * stops.length);
      const b = (a + 1 + Math.floor(rnd() * (stops.length - 1))) % stops.length;
      return {
        pickupStopId: stops[a],
        dropoffStopId: stops[b],
        passengers: 1 + Math.floor(rnd() * 4),
        timeMode: 'now',
      };
    });

    const responses = await Promise.all(
      bodies.map((body) => api<{ id: string; status: string }>(stack.apiUrl, 'POST', '/v1/rides', riderToken, body)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(REQUESTS).fill(202));

    // Wait (bounded) until the dispatcher has decided every request.
    const deadline = Date.now() + 60_000;
    let pending = REQUESTS;
    while (Date.now() < deadline) {
      const rows = await fx.db.query<{ n: string }>(
        "SELECT count(*) AS n FROM rides WHERE status IN ('requested', 'scheduled')",
      );
      pending = Number(rows.rows[0].n);
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(pending).toBe(0);

    const outcome = await fx.db.query<{ status: string; n: string }>(
      'SELECT status, count(*) AS n FROM rides GROUP BY status',
    );
    const byStatus = Object.fromEntries(outcome.rows.map((r) => [r.status, Number(r.n)]));
    expect(Object.keys(byStatus).sort()).toEqual(expect.arrayContaining(['assigned']));
    expect((byStatus.assigned ?? 0) + (byStatus.rejected ?? 0)).toBe(REQUESTS);

    const seats = new Map(fx.vans.map((v) => [v.id, v.seats]));
    const passengers = new Map<string, number>();
    const rides = await fx.db.query<{ id: string; passengers: number; vehicle_id: string | null; status: string }>(
      'SELECT id, passengers, vehicle_id, status FROM rides',
    );
    for (const r of rides.rows) passengers.set(r.id, r.passengers);

    // Every plan ever announced (the board hears each change) stays within the van's seats.
    await new Promise((r) => setTimeout(r, 300));
    expect(manifests.events.length).toBeGreaterThan(0);
    for (const m of manifests.events) {
      let load = 0;
      for (const s of m.stops) {
        load += s.kind === 'pickup' ? s.passengers : -s.passengers;
        expect(load).toBeLessThanOrEqual(seats.get(m.vehicleId)!);
      }
    }

    // The final plans hold each assigned ride exactly once (pickup before drop-off) on its van.
    const plans = await fx.db.query<{
      vehicle_id: string;
      stops: { taskId: string; kind: string; loadAfter: number[] }[];
    }>('SELECT vehicle_id, stops FROM vehicle_plans');
    const seen = new Map<string, string[]>();
    for (const plan of plans.rows) {
      let load = 0;
      for (const s of plan.stops) {
        load += (s.kind === 'pickup' ? 1 : -1) * passengers.get(s.taskId)!;
        expect(load).toBeLessThanOrEqual(seats.get(plan.vehicle_id)!);
        expect(s.loadAfter[0]).toBe(load);
        seen.set(s.taskId, [...(seen.get(s.taskId) ?? []), `${plan.vehicle_id}:${s.kind}`]);
      }
    }
    for (const r of rides.rows.filter((x) => x.status === 'assigned')) {
      expect(seen.get(r.id)).toEqual([`${r.vehicle_id}:pickup`, `${r.vehicle_id}:dropoff`]);
    }
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
