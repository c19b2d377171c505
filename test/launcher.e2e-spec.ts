import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { freePort } from '@app/devstack';

/**
 * `npm start` as a newcomer runs it: real embedded PostgreSQL and private Redis, migrations,
 * seed, three apps, "ready"; SIGINT leaves nothing behind; a second start reuses the data.
 * Runs on its own ports and data folder so it never touches a developer's stack.
 */
const root = resolve(__dirname, '..');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: NodeJS.ProcessEnv): Started {
  let output = '';
  const child = spawn(process.execPath, [join(root, 'apps/launcher/bin/run.js'), 'launcher'], {
    cwd: root,
    env: { ...process.env, ...env, SKIP_BUILD: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  return { child, output: () => output, exited };
}

async function waitFor(predicate: () => boolean, timeoutMs: number, what: string, output: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; output so far:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('npm start: the embedded default', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    // tsc emits even when a type error exists elsewhere; type errors are `npm run check`'s job.
    spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'apps/tsconfig.build.json'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (!existsSync(join(root, 'dist/apps/launcher/src/main.js'))) throw new Error('the build produced no launcher');
    dataDir = mkdtempSync(join(root, '.data', 'launcher-test-'));
    env = {
      DATA_DIR: dataDir,
      API_PORT: String(await freePort()),
      GATEWAY_PORT: String(await freePort()),
      DISPATCHER_PORT: String(await freePort()),
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      EMBEDDED_REDIS_PORT: String(await freePort()),
      DATABASE_URL: '',
      REDIS_URL: '',
      LOG_LEVEL: 'warn',
    };
  });

  afterAll(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts everything, reports ready with demo logins, and stops everything on SIGINT', async () => {
    const run = start(env);
    await waitFor(() => /^ready/m.test(run.output()) || run.child.exitCode !== null, 120_000, '"ready"', run.output);
    expect(run.output()).toMatch(/^ready/m);
    expect(run.output()).toContain('dispatcher@demo.geomdan.kr');
    expect(run.output()).toMatch(/demo data: seeded/);

    for (const port of [env.API_PORT, env.GATEWAY_PORT, env.DISPATCHER_PORT]) {
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
    }
    const postgresPid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const redisPid = Number(readFileSync(join(dataDir, 'redis', 'redis.pid'), 'utf8').trim());
    expect(isAlive(postgresPid)).toBe(true);
    expect(isAlive(redisPid)).toBe(true);

    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(isAlive(postgresPid)).toBe(false);
    expect(isAlive(redisPid)).toBe(false);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it('reuses the data on a second start and does not seed twice', async () => {
    const run = start(env);
    await waitFor(() => /^ready/m.test(run.output()) || run.child.exitCode !== null, 120_000, '"ready"', run.output);
    expect(run.output()).toMatch(/demo data: already there, not seeded again/);
    expect(run.output()).toMatch(/migrations: up to date/);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('cleans up after a launcher that was killed with -9', async () => {
    const run = start(env);
    await waitFor(() => /^ready/m.test(run.output()) || run.child.exitCode !== null, 120_000, '"ready"', run.output);
    const postgresPid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    run.child.kill('SIGKILL');
    await run.exited;
    expect(isAlive(postgresPid)).toBe(true); // the orphan the next start must deal with

    const again = start(env);
    await waitFor(
      () => /^ready/m.test(again.output()) || again.child.exitCode !== null,
      120_000,
      '"ready"',
      again.output,
    );
    expect(again.output()).toMatch(/orphan postgres/);
    expect(isAlive(postgresPid)).toBe(false);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });

  it('exits non-zero with one line naming REDIS_URL when it is nonsense', () => {
    const result = spawnSync(process.execPath, [join(root, 'apps/launcher/bin/run.js'), 'launcher'], {
      cwd: root,
      env: { ...process.env, ...env, SKIP_BUILD: '1', REDIS_URL: 'nonsense' },
      encoding: 'utf8',
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/REDIS_URL/);
  });

  it('names the port when one is already taken', async () => {
    const blocker = createServer();
    const port = Number(env.API_PORT);
    await new Promise<void>((ok) => blocker.listen(port, '0.0.0.0', () => ok()));
    try {
      const run = start(env);
      await waitFor(
        () => /already taken/.test(run.output()) || run.child.exitCode !== null,
        120_000,
        'a port message',
        run.output,
      );
      expect(run.output()).toMatch(new RegExp(`[Pp]ort ${port} is already taken.*API_PORT`));
      expect(await run.exited).not.toBe(0);
    } finally {
      blocker.close();
    }
  });
});
