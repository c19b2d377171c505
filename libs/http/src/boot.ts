import { INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import { Client } from 'pg';
import { AppConfig } from '@app/config';

const hostOf = (url: string) => {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? 6379 : 5432)}`;
  } catch {
    return url;
  }
};

/** Stops the process with one readable line. Used for operator errors, never for bugs. */
export function exitWith(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** One readable line when PostgreSQL or Redis cannot be reached, or null when both answer. */
export async function unreachableServer(config: AppConfig, app: string): Promise<string | null> {
  const pg = new Client({ connectionString: config.database.url, connectionTimeoutMillis: 5000 });
  try {
    await pg.connect();
    await pg.query('SELECT 1');
  } catch (error) {
    return `${app}: cannot reach PostgreSQL at ${hostOf(config.database.url)} (DATABASE_URL): ${(error as Error).message}`;
  } finally {
    await pg.end().catch(() => undefined);
  }
  const redis = new Redis(config.redis.url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 5000,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined); // failures surface through connect()
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    return `${app}: cannot reach Redis at ${hostOf(config.redis.url)} (REDIS_URL): ${(error as Error).message}`;
  } finally {
    redis.disconnect();
  }
  return null;
}

/** Checks both servers before Nest boots, so an unreachable one is one clear line, not a stack trace. */
export async function preflight(config: AppConfig, app: string): Promise<void> {
  const problem = await unreachableServer(config, app);
  if (problem) exitWith(problem);
}

/** Listens or exits naming the port variable when the port is taken. */
export async function listenOrExit(
  app: INestApplication,
  port: number,
  variable: string,
  name: string,
  host = '0.0.0.0',
): Promise<number> {
  try {
    await app.listen(port, host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      await app.close().catch(() => undefined);
      exitWith(`${name}: port ${port} is already taken; stop what uses it or set ${variable} to another port.`);
    }
    throw error;
  }
  const address = app.getHttpServer().address() as { port: number };
  return address.port;
}
