import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Socket } from 'socket.io-client';
import { AppConfig, configToEnv } from '@app/config';
import { DEMO_ACCOUNTS } from '@app/database';
import { PrivateRedisHandle, startPrivateRedis, freePort } from '@app/devstack';
import { Role } from '@app/domain';
import type { ManifestUpdatedEvent } from '@app/realtime';
import { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/api.app';
import { createGatewayApp } from '../../apps/gateway/src/gateway.app';
import { api, EventLog, openShuttleAroundTheClock, ShuttleFixture } from '../support/shuttle-fixtures';
import { connectSocket, signIn } from '../support/stack';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * Faults during a burst of 500 bookings: the dispatcher killed with -9 and restarted, and Redis
 * restarted. Every booking must end assigned or rejected exactly once, and no van's seats may
 * ever be exceeded. The dispatcher runs as its own process (so it can be killed); this file has
 * its own Redis (so restarting it disturbs no other test).
 */
const BURST = 500;
const root = resolve(__dirname, '../..');
const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
const dispatcher = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;
const drivers = DEMO_ACCOUNTS.filter((a) => a.email.startsWith('driver'));

/** The real dispatcher entry point in a child process (ts-node, so no build is needed). */
function startDispatcherProcess(config: AppConfig, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register', 'apps/dispatcher/src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...configToEnv(config), DISPATCHER_PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('dispatcher consuming')) ok(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => fail(new Error(`dispatcher exited (${code}) before ready: ${out}`)));
  });
}

const stopProcess = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill(signal);
  });

interface World {
  ctx: TestContext;
  fx: ShuttleFixture;
  config: AppConfig;
  redis: PrivateRedisHandle;
  redisDir: string;
  redisPort: number;
  apiApp: INestApplication;
  gatewayApp: INestApplication;
  apiUrl: string;
  board: Socket;
  manifests: EventLog<ManifestUpdatedEvent>;
  dispatcher: ChildProcess;
  dispatcherPort: number;
}

async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
}

async function setUp(): Promise<World> {
  const redisDir = mkdtempSync(join(tmpdir(), 'burst-redis-'));
  const redisPort = await freePort();
  // Append-only persistence, as `npm start` and production run it: a restart keeps the queue.
  const redis = await startPrivateRedis({ dataDir: redisDir, port: redisPort, persistent: true });
  const ctx = await createTestContext({ seed: true });
  const config: AppConfig = { ...ctx.config, redis: { ...ctx.config.redis, url: redis.url } };
  const fx = await openShuttleAroundTheClock(ctx);
  const apiApp = await createApiApp(config);
  const gatewayApp = await createGatewayApp(config);
  const apiUrl = await listen(apiApp);
  const gatewayUrl = await listen(gatewayApp);
  const dispatcherPort = await freePort();
  const dispatcherProcess = await startDispatcherProcess(config, dispatcherPort);
  for (const driver of drivers) {
    const token = (await signIn(apiUrl, driver.email, driver.password)).accessToken;
    expect((await api(apiUrl, 'POST', '/v1/driver/shifts/start', token, {})).status).toBe(200);
  }
  const board = await connectSocket(
    gatewayUrl,
    (await signIn(apiUrl, dispatcher.email, dispatcher.password)).accessToken,
  );
  const manifests = new EventLog<ManifestUpdatedEvent>(board, 'manifest.updated');
  return {
    ctx,
    fx,
    config,
    redis,
    redisDir,
    redisPort,
    apiApp,
    gatewayApp,
    apiUrl,
    board,
    manifests,
    dispatcher: dispatcherProcess,
    dispatcherPort,
  };
}

async function tearDown(w: World | undefined): Promise<void> {
  if (!w) return;
  w.board?.close();
  await stopProcess(w.dispatcher, 'SIGTERM');
  await w.gatewayApp.close();
  await w.apiApp.close();
  await w.fx.close();
  await w.redis.stop();
  rmSync(w.redisDir, { recursive: true, force: true });
  await w.ctx.dispose();
}

/** Fires the burst with 25 requests in flight; `midway` runs once a given share was accepted. */
async function burst(w: World, midway: { after: number; fault: () => Promise<void> }): Promise<number[]> {
  const token = (await signIn(w.apiUrl, rider.email, rider.password)).accessToken;
  const stops = [...w.fx.stopIds.entries()].filter(([code]) => code !== 'gd-depot').map(([, id]) => id);
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const bodies = Array.from({ length: BURST }, () => {
    const a = Math.floor(rnd() * stops.length);
    const b = (a + 1 + Math.floor(rnd() * (stops.length - 1))) % stops.length;
    return { pickupStopId: stops[a], dropoffStopId: stops[b], passengers: 1 + Math.floor(rnd() * 3), timeMode: 'now' };
  });
  const statuses: number[] = [];
  let next = 0;
  let faultStarted = false;
  let faultDone: Promise<void> = Promise.resolve();
  const workers = Array.from({ length: 25 }, async () => {
    while (next < bodies.length) {
      const i = next++;
      const response = await api(w.apiUrl, 'POST', '/v1/rides', token, bodies[i], { 'idempotency-key': `burst-${i}` });
      statuses[i] = response.status;
      if (i === midway.after && !faultStarted) {
        faultStarted = true;
        faultDone = midway.fault();
      }
    }
  });
  await Promise.all(workers);
  await faultDone;
  return statuses;
}

async function expectEveryBookingDecidedOnceWithinSeats(w: World): Promise<void> {
  const deadline = Date.now() + 120_000;
  let pending = -1;
  while (Date.now() < deadline) {
    pending = Number(
      (await w.fx.db.query<{ n: string }>("SELECT count(*) AS n FROM rides WHERE status = 'requested'")).rows[0].n,
    );
    if (pending === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(pending).toBe(0);

  const rides = await w.fx.db.query<{ id: string; status: string; passengers: number; vehicle_id: string | null }>(
    'SELECT id, status, passengers, vehicle_id FROM rides',
  );
  expect(rides.rows).toHaveLength(BURST); // the idempotency keys let no retry book twice
  for (const ride of rides.rows) expect(['assigned', 'rejected']).toContain(ride.status);

  // Exactly once: one decision per ride, one assigned/rejected event per ride.
  const decisions = await w.fx.db.query<{ ride_id: string; n: string }>(
    "SELECT ride_id, count(*) AS n FROM dispatch_decisions WHERE outcome IN ('assigned', 'rejected') GROUP BY ride_id HAVING count(*) > 1",
  );
  expect(decisions.rows).toEqual([]);
  const events = await w.fx.db.query<{ ride_id: string; n: string }>(
    "SELECT ride_id, count(*) AS n FROM ride_events WHERE status IN ('assigned', 'rejected') GROUP BY ride_id HAVING count(*) > 1",
  );
  expect(events.rows).toEqual([]);

  const seats = new Map(w.fx.vans.map((v) => [v.id, v.seats]));
  const passengers = new Map(rides.rows.map((r) => [r.id, r.passengers]));
  const plans = await w.fx.db.query<{ vehicle_id: string; stops: Array<{ taskId: string; kind: string }> }>(
    'SELECT vehicle_id, stops FROM vehicle_plans',
  );
  for (const plan of plans.rows) {
    let load = 0;
    for (const stop of plan.stops) {
      load += (stop.kind === 'pickup' ? 1 : -1) * passengers.get(stop.taskId)!;
      expect(load).toBeLessThanOrEqual(seats.get(plan.vehicle_id)!);
    }
  }
  // Every plan ever announced to the board stayed within the van's seats too.
  for (const m of w.manifests.events) {
    let load = 0;
    for (const s of m.stops) {
      load += s.kind === 'pickup' ? s.passengers : -s.passengers;
      expect(load).toBeLessThanOrEqual(seats.get(m.vehicleId)!);
    }
  }
}

describe('a burst of 500 bookings under faults', () => {
  let w: World | undefined;
  afterEach(async () => {
    await tearDown(w);
    w = undefined;
  });

  it('survives kill -9 of the dispatcher mid-burst: every booking decided exactly once, seats respected', async () => {
    w = await setUp();
    const world = w;
    const statuses = await burst(world, {
      after: 150,
      fault: async () => {
        await stopProcess(world.dispatcher, 'SIGKILL');
        await new Promise((r) => setTimeout(r, 500));
        world.dispatcher = await startDispatcherProcess(world.config, world.dispatcherPort);
      },
    });
    expect(statuses.filter((s) => s !== 202)).toEqual([]);
    await expectEveryBookingDecidedOnceWithinSeats(world);
  });

  it('survives a Redis restart mid-burst: every booking decided exactly once, seats respected', async () => {
    w = await setUp();
    const world = w;
    const statuses = await burst(world, {
      after: 150,
      fault: async () => {
        await world.redis.stop();
        await new Promise((r) => setTimeout(r, 1000));
        world.redis = await startPrivateRedis({ dataDir: world.redisDir, port: world.redisPort, persistent: true });
      },
    });
    // Bookings are accepted while Redis is down: the outbox holds their jobs.
    expect(statuses.filter((s) => s !== 202)).toEqual([]);
    await expectEveryBookingDecidedOnceWithinSeats(world);
  });
});
