import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@app/config';
import { prepareDatabase } from '@app/database';
import { createApiApp } from '../../apps/api/src/api.app';
import { freePort } from '@app/devstack';

/**
 * Stop PostgreSQL under a running api: it answers 503 with Retry-After meanwhile, and recovers
 * by itself when the database is back, without a restart. Uses its own PostgreSQL so stopping
 * it cannot disturb other test files.
 */
const root = resolve(__dirname, '../..');

/** Starts PostgreSQL in a child process (see test/support/postgres-process.ts). */
function startPostgresProcess(dataDir: string, port: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [require.resolve('ts-node/dist/bin.js'), 'test/support/postgres-process.ts', dataDir, String(port)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /ready (\S+)/.exec(out);
      if (match) {
        ok({
          url: match[1],
          stop: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => fail(new Error(`postgres process exited (${code}): ${out}`)));
  });
}

describe('PostgreSQL outage', () => {
  let pg: { url: string; stop: () => Promise<void> };
  let pgDir: string;
  let pgPort: number;
  let api: INestApplication;
  let apiUrl: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(resolve(__dirname, '../../.data'), 'pg-outage-'));
    pgDir = join(dir, 'postgres');
    pgPort = await freePort();
    pg = await startPostgresProcess(pgDir, pgPort);
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: pg.url,
      REDIS_URL: process.env.TEST_REDIS_URL,
      REDIS_PREFIX: `pgout${Date.now()}`,
      JWT_SECRET: 'test-secret-0123456789abcdef',
    });
    await prepareDatabase(config.database.url, { seedDemo: true, timezone: config.serviceTimezone });
    api = await createApiApp(config);
    await api.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await api?.close();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After while the database is down and recovers by itself', async () => {
    expect((await fetch(`${apiUrl}/v1/areas`)).status).toBe(200);

    await pg.stop();
    const during = await fetch(`${apiUrl}/v1/areas`);
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('5');
    expect(((await during.json()) as { code: string }).code).toBe('DATABASE_UNAVAILABLE');
    const health = await fetch(`${apiUrl}/health`);
    expect(health.status).toBe(503);
    const signIn = await fetch(`${apiUrl}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.geomdan.kr', password: 'admin-demo-1234' }),
    });
    expect(signIn.status).toBe(503);

    pg = await startPostgresProcess(pgDir, pgPort);
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i += 1) {
      status = (await fetch(`${apiUrl}/v1/areas`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    expect((await fetch(`${apiUrl}/health`)).status).toBe(200);
  });
});
