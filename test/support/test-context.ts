import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import Redis from 'ioredis';
import { AppConfig, loadConfig } from '@app/config';
import { prepareDatabase } from '@app/database';

export interface TestContext {
  config: AppConfig;
  databaseName: string;
  dispose(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A fresh database (migrated, optionally seeded) and a fresh Redis prefix for one test file.
 * Ports are 0 so in-process apps listen on free ports.
 */
export async function createTestContext(
  options: { seed?: boolean; env?: Record<string, string> } = {},
): Promise<TestContext> {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  const redisUrl = process.env.TEST_REDIS_URL;
  if (!adminUrl || !redisUrl) throw new Error('test servers are not provisioned: run through jest (globalSetup)');
  const suffix = randomBytes(5).toString('hex');
  const databaseName = `t_${suffix}`;
  const admin = new Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${databaseName}"`);
  await admin.end();

  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATABASE_URL: withDatabase(adminUrl, databaseName),
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `t${suffix}`,
    API_PORT: '0',
    GATEWAY_PORT: '0',
    DISPATCHER_PORT: '0',
    OUTBOX_POLL_MS: '200',
    JWT_SECRET: 'test-secret-0123456789abcdef',
    // Tests fire bursts from one address; a test of the limits sets its own.
    RATE_LIMIT_SIGN_IN_PER_MIN: '100000',
    RATE_LIMIT_BOOKING_PER_MIN: '100000',
    RATE_LIMIT_DEFAULT_PER_MIN: '1000000',
    RATE_LIMIT_SIGN_IN_ACCOUNT_FAILURES: '100000',
    RATE_LIMIT_SIGN_IN_ADDRESS_FAILURES: '100000',
    ...options.env,
  });
  await prepareDatabase(config.database.url, { seedDemo: options.seed ?? true, timezone: config.serviceTimezone });

  return {
    config,
    databaseName,
    dispose: async () => {
      const redis = new Redis(redisUrl, { lazyConnect: true });
      await redis.connect();
      // Remove this file's keys; the server itself is shared by the run.
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.redis.prefix}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
      redis.disconnect();
      const cleanup = new Client({ connectionString: withDatabase(adminUrl, 'postgres') });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
