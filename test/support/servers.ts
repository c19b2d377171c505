import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { provisionServers, ProvisionedServers, freePort } from '@app/devstack';

/**
 * Real PostgreSQL and Redis for integration and e2e tests, provisioned exactly as `npm start`
 * does (embedded PostgreSQL, private redis-server) unless DATABASE_URL / REDIS_URL are given.
 * Started once per jest run in globalSetup; each test file then makes its own database and
 * Redis prefix (see test-context.ts), so runs and files never see each other's data.
 */
interface Shared {
  servers: ProvisionedServers;
  users: number;
}
const registry = globalThis as unknown as { __geomdanTestServers?: Promise<Shared> };

export async function startTestServers(): Promise<void> {
  registry.__geomdanTestServers ??= (async () => {
    const base = loadConfig(process.env);
    const [pgPort, redisPort] = [await freePort(), await freePort()];
    const config = {
      ...base,
      database: base.database.embedded
        ? { url: `postgres://geomdan:geomdan@127.0.0.1:${pgPort}/geomdan_test`, embedded: true }
        : base.database,
      redis: base.redis.embedded ? { ...base.redis, url: `redis://127.0.0.1:${redisPort}` } : base.redis,
    };
    const dataDir = join(base.dataDir, `test-${process.pid}-${randomBytes(3).toString('hex')}`);
    const servers = await provisionServers(config, { persistent: false, dataDir });
    process.env.TEST_DATABASE_ADMIN_URL = servers.databaseUrl;
    process.env.TEST_REDIS_URL = servers.redisUrl;
    process.env.TEST_DATA_DIR = dataDir;
    return { servers, users: 0 };
  })();
  (await registry.__geomdanTestServers).users += 1;
}

export async function stopTestServers(): Promise<void> {
  const shared = await registry.__geomdanTestServers;
  if (!shared) return;
  shared.users -= 1;
  if (shared.users > 0) return;
  registry.__geomdanTestServers = undefined;
  await shared.servers.stop();
  const dir = process.env.TEST_DATA_DIR;
  if (dir) (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
}
