import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import { aptInstall, AptInstallError } from './apt-install';
import { requireFreePort } from './ports';
import { reapStaleServer } from './stale-process';

export interface PrivateRedisHandle {
  url: string;
  pid: number;
  stop(): Promise<void>;
  notes: string[];
}

export interface PrivateRedisOptions {
  dataDir: string;
  port: number;
  /** Append-only persistence: on for `npm start`, off for throwaway test servers. */
  persistent: boolean;
  log?: (line: string) => void;
}

export class RedisUnavailableError extends Error {}

function findRedisServer(): string | null {
  for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server']) {
    if (existsSync(candidate)) return candidate;
  }
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function isDebianLike(): boolean {
  try {
    return /^(ID|ID_LIKE)=.*(debian|ubuntu)/m.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

/**
 * Finds redis-server; on Debian/Ubuntu as root installs the OS package (saying so, and waiting
 * for another apt/dpkg process that holds the lock), otherwise stops with the ways to get one.
 */
export async function ensureRedisServer(log: (line: string) => void): Promise<string> {
  const found = findRedisServer();
  if (found) return found;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && isDebianLike()) {
    log('redis-server is not installed: installing the Debian package "redis-server" (apt-get, ~20 s)...');
    try {
      await aptInstall(['redis-server'], { log });
    } catch (error) {
      if (error instanceof AptInstallError)
        throw new RedisUnavailableError(`${error.message} (or set REDIS_URL to a running Redis)`);
      throw error;
    }
    const installed = findRedisServer();
    if (installed) return installed;
  }
  throw new RedisUnavailableError(
    'No redis-server found. Install one (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis), ' +
      'or point REDIS_URL at a running Redis (e.g. docker compose up -d redis; REDIS_URL=redis://127.0.0.1:6379).',
  );
}

async function waitForPing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new RedisUnavailableError(`redis-server exited with code ${child.exitCode}`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined); // failures surface through connect()
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      // not up yet
    } finally {
      client.disconnect();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new RedisUnavailableError(`redis-server did not answer within ${timeoutMs} ms`);
}

/** A private redis-server as a child process on its own port and data folder. */
export async function startPrivateRedis(options: PrivateRedisOptions): Promise<PrivateRedisHandle> {
  const log = options.log ?? (() => undefined);
  const binary = await ensureRedisServer(log);
  const dir = resolve(options.dataDir);
  mkdirSync(dir, { recursive: true });
  const pidFile = join(dir, 'redis.pid');
  const notes: string[] = [];
  const reaped = await reapStaleServer(pidFile, 'redis-server');
  if (reaped) notes.push(`redis: ${reaped}`);
  await requireFreePort(
    options.port,
    'the private Redis',
    'Stop whatever uses it, or set REDIS_URL to use your own Redis.',
  );

  const args = [
    '--port',
    String(options.port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--pidfile',
    pidFile,
    '--daemonize',
    'no',
    '--save',
    '',
    '--appendonly',
    options.persistent ? 'yes' : 'no',
    // BullMQ requires that Redis never evicts its keys.
    '--maxmemory-policy',
    'noeviction',
    '--loglevel',
    'warning',
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (d: Buffer) => log(`redis: ${d.toString().trim()}`));
  const url = `redis://127.0.0.1:${options.port}`;
  await waitForPing(url, child, 10_000);

  return {
    url,
    pid: child.pid ?? -1,
    notes,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
