import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { hashSync } from 'bcryptjs';
import { DateTime } from 'luxon';
import { configToEnv } from '@app/config';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { api, openShuttleAroundTheClock, ShuttleFixture } from '../support/shuttle-fixtures';
import { secretsInLogs } from '../support/log-secrets';
import { signIn } from '../support/stack';
import { createTestContext, TestContext } from '../support/test-context';
import { freePort } from '@app/devstack';

/**
 * The api as a real process at debug level: whatever we send it (passwords, tokens, PINs,
 * tracking links), none of it may appear in its logs. Then injection and mass-assignment
 * attempts, each refused with a 4xx.
 */
const root = resolve(__dirname, '../..');
const admin = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;
const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;

describe('secrets stay out of logs; injection and mass assignment are refused', () => {
  let ctx: TestContext;
  let fx: ShuttleFixture;
  let child: ChildProcess;
  let apiUrl: string;
  let logs = '';

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    fx = await openShuttleAroundTheClock(ctx);
    const port = await freePort();
    apiUrl = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['-r', 'ts-node/register', 'apps/api/src/main.ts'], {
      cwd: root,
      env: { ...process.env, ...configToEnv(ctx.config), API_PORT: String(port), LOG_LEVEL: 'debug' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (logs += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (logs += d.toString()));
    const until = Date.now() + 60_000;
    while (!logs.includes('api listening')) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`api did not start: ${logs}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await fx?.close();
    await ctx?.dispose();
  });

  it('logs requests as JSON with request ids but never a password, token, PIN or tracking token', async () => {
    const secrets: string[] = [admin.password];
    const session = await signIn(apiUrl, admin.email, admin.password);
    secrets.push(session.accessToken, session.refreshToken);
    await api(apiUrl, 'GET', '/v1/auth/me', session.accessToken);
    await api(apiUrl, 'POST', '/v1/auth/refresh', null, { refreshToken: session.refreshToken });
    await fetch(`${apiUrl}/admin/queues?token=${session.accessToken}`);
    await api(apiUrl, 'POST', '/v1/auth/sign-in', null, { email: admin.email, password: 'a-wrong-password-9137' });
    secrets.push('a-wrong-password-9137');

    // A luggage booking returns a PIN and a tracking token; the link is then used.
    const flightAt = DateTime.now().setZone('Asia/Seoul').plus({ days: 1 }).set({ hour: 16, minute: 0 }).toISO()!;
    const trip = {
      origin: 'h-grand-hyatt-incheon',
      destination: 'icn-t1',
      bags: { carry_on: 1, suitcase: 1, oversize: 0 },
      flightNumber: 'KE123',
      flightAt,
    };
    const quote = await api<{ quoteToken: string }>(apiUrl, 'POST', '/v1/luggage/quotes', null, trip);
    expect(quote.status).toBe(200);
    const booking = await api<{ id: string; pin: string; trackingToken: string }>(
      apiUrl,
      'POST',
      '/v1/luggage/bookings',
      null,
      {
        ...trip,
        quoteToken: quote.body.quoteToken,
        contact: { name: 'Emma Lee', phone: '+82 10-1234-5678', email: 'emma@example.com' },
        language: 'en',
        prohibitedItemsConfirmed: true,
      },
    );
    expect(booking.status).toBe(201);
    secrets.push(booking.body.trackingToken, quote.body.quoteToken);
    expect((await api(apiUrl, 'GET', `/v1/tracking/${booking.body.trackingToken}`, null)).status).toBe(200);
    await api(apiUrl, 'POST', `/v1/luggage/courier/bookings/${booking.body.id}/deliver`, session.accessToken, {
      pin: booking.body.pin,
    });

    await new Promise((r) => setTimeout(r, 300)); // let the last lines flush
    const jsonLines = logs.split('\n').filter((l) => l.startsWith('{'));
    expect(jsonLines.length).toBeGreaterThan(5);
    const requestLine = jsonLines
      .map((l) => JSON.parse(l) as { req?: { id?: string; url?: string } })
      .find((l) => l.req?.url?.startsWith('/v1/tracking/'));
    expect(requestLine?.req?.id).toBeTruthy();
    expect(requestLine?.req?.url).toBe('/v1/tracking/[redacted]');
    for (const secret of secrets)
      expect({ secret: secret.slice(0, 12), found: logs.includes(secret) }).toEqual({
        secret: secret.slice(0, 12),
        found: false,
      });
    // The six-digit PIN is short: look for it as a JSON value, not as any substring.
    expect(logs).not.toMatch(new RegExp(`"pin"\\s*:\\s*"?${booking.body.pin}`));
  });

  it('logs a failed query without its parameters: no email, password hash or row values', async () => {
    // A constraint the api does not know about makes the sign-up's INSERT fail as an unexpected 500.
    await fx.db.query(`ALTER TABLE users ADD CONSTRAINT t_reject_boom CHECK (display_name <> 'boom-7731')`);
    try {
      const email = 'leak-check-5521@hanbit.example';
      const attempt = await api<{ code: string }>(apiUrl, 'POST', '/v1/riders/sign-up', null, {
        employerCode: 'HANBIT01',
        email,
        password: 'leak-password-8842',
        displayName: 'boom-7731',
      });
      expect([attempt.status, attempt.body.code]).toEqual([500, 'INTERNAL']);
      await new Promise((r) => setTimeout(r, 300));
      const failure = logs.split('\n').find((l) => l.includes('"INTERNAL') && l.includes('/v1/riders/sign-up'));
      expect(failure).toBeDefined();
      // ...yet it says what failed: the error's class and database code (pino-http had reduced it to {"type":"object"}).
      expect((JSON.parse(failure!) as { err?: Record<string, unknown> }).err).toMatchObject({
        type: 'QueryFailedError',
        code: '23514',
      });
      expect({
        email: logs.includes(email),
        password: logs.includes('leak-password-8842'),
        name: logs.includes('boom-7731'),
        hash: /scrypt\$/.test(logs),
      }).toEqual({ email: false, password: false, name: false, hash: false });
    } finally {
      await fx.db.query('ALTER TABLE users DROP CONSTRAINT t_reject_boom');
    }
  });

  it('has written no password hash, JWT or refresh token anywhere in the log', () => {
    expect(secretsInLogs(logs)).toEqual([]);
  });

  it('refuses SQL injection attempts with 4xx, never 5xx, and they change nothing', async () => {
    const before = (await fx.db.query<{ n: string }>('SELECT count(*) AS n FROM users')).rows[0].n;
    const attempts = [
      await api(apiUrl, 'POST', '/v1/auth/sign-in', null, { email: "admin@demo.geomdan.kr' OR '1'='1", password: 'x' }),
      await api(apiUrl, 'POST', '/v1/auth/sign-in', null, { email: admin.email, password: "' OR '1'='1" }),
      await api(apiUrl, 'GET', `/v1/areas/${encodeURIComponent("1' OR '1'='1")}`, null),
      await api(
        apiUrl,
        'GET',
        `/v1/rides?scope=${encodeURIComponent("past' OR 1=1 --")}`,
        (await signIn(apiUrl, rider.email, rider.password)).accessToken,
      ),
      await api(apiUrl, 'POST', '/v1/riders/sign-up', null, {
        employerCode: "HANBIT01'; DROP TABLE users; --",
        email: 'x@y.kr',
        password: 'password-123',
        displayName: 'x',
      }),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBeGreaterThanOrEqual(400);
      expect(attempt.status).toBeLessThan(500);
    }
    expect((await fx.db.query<{ n: string }>('SELECT count(*) AS n FROM users')).rows[0].n).toBe(before);
  });

  it('replaces a bcrypt hash written before with an scrypt hash at the next sign-in', async () => {
    await fx.db.query('UPDATE users SET password_hash = $1 WHERE email = $2', [
      hashSync(rider.password, 4),
      rider.email,
    ]);
    expect((await signIn(apiUrl, rider.email, rider.password)).accessToken).toBeTruthy();
    const stored = await fx.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', [
      rider.email,
    ]);
    expect(stored.rows[0].password_hash).toMatch(/^scrypt\$/);
    expect((await signIn(apiUrl, rider.email, rider.password)).accessToken).toBeTruthy();
    const wrong = await api<{ code: string }>(apiUrl, 'POST', '/v1/auth/sign-in', null, {
      email: rider.email,
      password: 'not-the-password',
    });
    expect([wrong.status, wrong.body.code]).toEqual([401, 'AUTH_INVALID_CREDENTIALS']);
  });

  it('refuses mass-assignment attempts: fields a client may not set are rejected, not ignored', async () => {
    const riderToken = (await signIn(apiUrl, rider.email, rider.password)).accessToken;
    const ride = {
      pickupStopId: fx.stop('gd-oryu-stn'),
      dropoffStopId: fx.stop('gd-f-hanbit'),
      passengers: 1,
      timeMode: 'now',
    };
    for (const extra of [
      { status: 'completed' },
      { riderUserId: '00000000-0000-4000-8000-000000000000' },
      { vehicleId: fx.vans[0].id },
      { version: 99 },
    ]) {
      const attempt = await api<{ code: string; message: string }>(apiUrl, 'POST', '/v1/rides', riderToken, {
        ...ride,
        ...extra,
      });
      expect(attempt.status).toBe(400);
      expect(attempt.body.code).toBe('VALIDATION_FAILED');
      expect(attempt.body.message).toContain(`property ${Object.keys(extra)[0]} should not exist`);
    }
    const signUp = await api<{ code: string }>(apiUrl, 'POST', '/v1/riders/sign-up', null, {
      employerCode: 'HANBIT01',
      email: 'sneaky@hanbit.example',
      password: 'password-1234',
      displayName: '몰래',
      role: 'admin',
    });
    expect(signUp.status).toBe(400);
    const polluted = await fetch(`${apiUrl}/v1/riders/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"employerCode":"HANBIT01","email":"proto@hanbit.example","password":"password-1234","displayName":"p","__proto__":{"role":"admin"}}',
    });
    expect(polluted.status).toBe(400);
    const created = await fx.db.query<{ role: string }>(
      `SELECT role FROM users WHERE email IN ('sneaky@hanbit.example', 'proto@hanbit.example')`,
    );
    expect(created.rows.filter((r) => r.role !== 'rider')).toEqual([]);
  });
});
