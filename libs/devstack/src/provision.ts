import { join } from 'node:path';
import type { AppConfig } from '@app/config';
import { startEmbeddedPostgres, EmbeddedPostgresHandle } from './embedded-postgres';
import { startPrivateRedis, PrivateRedisHandle } from './private-redis';

export interface ProvisionedServers {
  databaseUrl: string;
  redisUrl: string;
  postgres?: EmbeddedPostgresHandle;
  redis?: PrivateRedisHandle;
  notes: string[];
  stop(): Promise<void>;
}

/**
 * Starts what the configuration leaves to us: an embedded PostgreSQL when DATABASE_URL is unset,
 * a private Redis when REDIS_URL is unset. Given URLs are used as they are.
 * Ports come from the embedded default URLs so every app agrees on them.
 */
export async function provisionServers(
  config: AppConfig,
  options: { persistent: boolean; dataDir?: string; log?: (line: string) => void },
): Promise<ProvisionedServers> {
  const dataDir = options.dataDir ?? config.dataDir;
  const notes: string[] = [];
  let postgres: EmbeddedPostgresHandle | undefined;
  let redis: PrivateRedisHandle | undefined;
  const stop = async () => {
    await redis?.stop().catch(() => undefined);
    await postgres?.stop().catch(() => undefined);
  };
  try {
    if (config.database.embedded) {
      const url = new URL(config.database.url);
      postgres = await startEmbeddedPostgres({
        dataDir: join(dataDir, 'postgres'),
        port: Number(url.port),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        database: url.pathname.slice(1),
        log: options.log,
      });
      notes.push(...postgres.notes);
    }
    if (config.redis.embedded) {
      redis = await startPrivateRedis({
        dataDir: join(dataDir, 'redis'),
        port: Number(new URL(config.redis.url).port),
        persistent: options.persistent,
        log: options.log,
      });
      notes.push(...redis.notes);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    databaseUrl: postgres?.url ?? config.database.url,
    redisUrl: redis?.url ?? config.redis.url,
    postgres,
    redis,
    notes,
    stop,
  };
}
