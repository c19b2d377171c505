import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { AppConfig, configToEnv } from '@app/config';
import { NotificationEntity, ServiceAreaEntity, ShiftEntity } from '@app/database';
import { freePort } from '@app/devstack';
import { Clock, SystemClock } from '@app/domain';
import { createApiApp } from '../../apps/api/src/api.app';
import { startFakeSolapi } from '../support/fake-solapi';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * The dispatcher is killed with -9 while it is sending a message (the provider has the request
 * but has not acknowledged it). A new dispatcher takes the stalled job over: every message is
 * acknowledged by the provider exactly once, and nothing is lost.
 */
const root = resolve(__dirname, '../..');
const API_KEY = 'NCSKILLKEY0001';
const API_SECRET = 'kill-solapi-secret-0123456789abcdef';

function startDispatcherProcess(config: AppConfig, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register', 'apps/dispatcher/src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...configToEnv(config), DISPATCHER_PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('dispatcher consuming')) ok(child);
    });
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

async function waitUntil(predicate: () => Promise<boolean> | boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not reached in time: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

jest.setTimeout(240_000);

describe('Notifications survive a kill -9 of the dispatcher mid-send', () => {
  let ctx: TestContext;
  let api: INestApplication;
  let apiUrl: string;
  let dispatcher: ChildProcess | undefined;
  let solapi: Awaited<ReturnType<typeof startFakeSolapi>>;
  let holdNext = true;

  beforeAll(async () => {
    // The first SMS is held unanswered: the dispatcher is inside the provider call when it dies.
    solapi = await startFakeSolapi(API_KEY, API_SECRET, () => {
      if (!holdNext) return 200;
      holdNext = false;
      return 'hold';
    });
    ctx = await createTestContext({
      seed: true,
      env: {
        NOTIFY_PROVIDER: 'solapi',
        SOLAPI_API_KEY: API_KEY,
        SOLAPI_API_SECRET: API_SECRET,
        SOLAPI_BASE_URL: solapi.url,
        SOLAPI_SENDER: '0212345678',
      },
    });
    api = await createApiApp(ctx.config);
    await api.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}`;
    const ds = api.get(DataSource);
    const area = await ds.getRepository(ServiceAreaEntity).findOneByOrFail({ code: 'freelug' });
    const shift = await ds.getRepository(ShiftEntity).findOneOrFail({ where: { areaId: area.id } });
    const day = DateTime.fromJSDate(shift.plannedStart, { zone: 'Asia/Seoul' }).startOf('day');
    (api.get(Clock) as SystemClock).setNow(day.set({ hour: 8 }).toJSDate());
    dispatcher = await startDispatcherProcess(ctx.config, await freePort());

    const post = async (path: string, body: unknown) => {
      const r = await fetch(`${apiUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: r.status, body: (await r.json()) as Record<string, string> };
    };
    for (const [i, phone] of ['010-7000-0001', '010-7000-0002', '010-7000-0003'].entries()) {
      const trip = {
        origin: 'h-grand-hyatt-incheon',
        destination: 'icn-t1',
        bags: { carry_on: 1, suitcase: 0, oversize: 0 },
        flightNumber: `KE12${i}`,
        flightAt: day.set({ hour: 16 }).toISO()!,
      };
      const quote = await post('/v1/luggage/quotes', trip);
      const booked = await post('/v1/luggage/bookings', {
        ...trip,
        quoteToken: quote.body.quoteToken,
        contact: { name: 'Kill Test', phone, email: `kill${i}@example.com` },
        language: 'ko',
        prohibitedItemsConfirmed: true,
      });
      expect(booked.status).toBe(201);
    }
  });

  afterAll(async () => {
    if (dispatcher) await stopProcess(dispatcher, 'SIGKILL');
    await api?.close();
    await ctx?.dispose();
    await solapi?.stop();
  });

  it('sends each booking confirmation exactly once after the worker was killed inside the provider call', async () => {
    const repo = api.get(DataSource).getRepository(NotificationEntity);
    // Kill while the first SMS is held, and not while another one is between the provider's
    // acknowledgement and its `sent` update: that window (milliseconds) is the one place a
    // kill can still send twice (README, Notifications), and this test is about the rest.
    await waitUntil(
      async () =>
        solapi.heldCount() === 1 && (await repo.countBy({ channel: 'sms', status: 'sent' })) === solapi.accepted.length,
      'the first SMS held by the provider, the others settled',
    );
    await stopProcess(dispatcher!, 'SIGKILL');
    await waitUntil(() => solapi.dropped.length >= 1, 'the provider seeing the caller gone');

    // A new dispatcher: the killed one's active job is stalled and taken over.
    dispatcher = await startDispatcherProcess(ctx.config, await freePort());
    await waitUntil(async () => (await repo.countBy({ status: 'sent' })) === 6, 'all six notifications sent');

    const to = solapi.accepted.map((r) => r.message.to).sort();
    expect(to).toEqual(['01070000001', '01070000002', '01070000003']);
    expect(solapi.dropped.length).toBeGreaterThanOrEqual(1); // the held one (and any the kill cut off before an answer)
    expect(await repo.countBy({ status: 'queued' })).toBe(0);
    expect(await repo.countBy({ status: 'failed' })).toBe(0);
    const devEmails: Array<{ n: string }> = await api.get(DataSource).query('SELECT count(*) AS n FROM dev_messages');
    expect(devEmails[0].n).toBe('3');
  });
});
