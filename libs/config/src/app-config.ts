import { embeddedDatabaseUrl, embeddedRedisUrl, envSchema } from './env.schema';

/** The validated configuration every app receives; nothing else reads process.env. */
export interface AppConfig {
  env: 'development' | 'test' | 'production';
  logLevel: string;
  database: { url: string; embedded: boolean };
  redis: { url: string; embedded: boolean; prefix: string };
  dataDir: string;
  ports: { api: number; gateway: number; dispatcher: number };
  publicUrls: { api: string; gateway: string };
  corsOrigins: string[] | '*';
  auth: { jwtSecret: string; accessTtlS: number; refreshTtlS: number };
  serviceTimezone: string;
  seedDemo: boolean;
  outboxPollMs: number;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`Invalid configuration: ${variable} ${reason}`);
  }
}

const DEV_JWT_SECRET = 'geomdan-local-development-secret';

/** Validates an environment map. Throws ConfigError naming the first bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  // Empty strings mean "unset": shells and compose files produce them for absent values.
  const env = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0] ?? 'environment');
    const got = env[variable] === undefined ? 'is missing' : `(got "${String(env[variable]).slice(0, 60)}")`;
    throw new ConfigError(variable, `${issue.message.toLowerCase()} ${got}`);
  }
  const v = parsed.data;
  if (v.NODE_ENV === 'production' && !v.JWT_SECRET) {
    throw new ConfigError('JWT_SECRET', 'is missing (required when NODE_ENV=production)');
  }
  return {
    env: v.NODE_ENV,
    logLevel: v.LOG_LEVEL,
    database: { url: v.DATABASE_URL ?? embeddedDatabaseUrl(v.EMBEDDED_POSTGRES_PORT), embedded: !v.DATABASE_URL },
    redis: { url: v.REDIS_URL ?? embeddedRedisUrl(v.EMBEDDED_REDIS_PORT), embedded: !v.REDIS_URL, prefix: v.REDIS_PREFIX },
    dataDir: v.DATA_DIR,
    ports: { api: v.API_PORT, gateway: v.GATEWAY_PORT, dispatcher: v.DISPATCHER_PORT },
    publicUrls: {
      api: v.PUBLIC_API_URL ?? `http://localhost:${v.API_PORT}`,
      gateway: v.PUBLIC_GATEWAY_URL ?? `http://localhost:${v.GATEWAY_PORT}`,
    },
    corsOrigins: v.CORS_ORIGINS === '*' ? '*' : v.CORS_ORIGINS.split(',').map((o) => o.trim()),
    auth: { jwtSecret: v.JWT_SECRET ?? DEV_JWT_SECRET, accessTtlS: v.JWT_ACCESS_TTL_S, refreshTtlS: v.JWT_REFRESH_TTL_S },
    serviceTimezone: v.SERVICE_TIMEZONE,
    seedDemo: v.SEED_DEMO,
    outboxPollMs: v.OUTBOX_POLL_MS,
  };
}

/**
 * For process entry points: validate or exit with one line naming the variable.
 * A stack trace here would bury the one fact the operator needs.
 */
export function loadConfigOrExit(source: Record<string, string | undefined> = process.env): AppConfig {
  try {
    return loadConfig(source);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/** Child processes inherit the parent's view; this is how the launcher hands URLs down. */
export function configToEnv(config: AppConfig): Record<string, string> {
  return {
    NODE_ENV: config.env,
    LOG_LEVEL: config.logLevel,
    DATABASE_URL: config.database.url,
    REDIS_URL: config.redis.url,
    REDIS_PREFIX: config.redis.prefix,
    DATA_DIR: config.dataDir,
    API_PORT: String(config.ports.api),
    GATEWAY_PORT: String(config.ports.gateway),
    DISPATCHER_PORT: String(config.ports.dispatcher),
    PUBLIC_API_URL: config.publicUrls.api,
    PUBLIC_GATEWAY_URL: config.publicUrls.gateway,
    CORS_ORIGINS: config.corsOrigins === '*' ? '*' : config.corsOrigins.join(','),
    JWT_SECRET: config.auth.jwtSecret,
    JWT_ACCESS_TTL_S: String(config.auth.accessTtlS),
    JWT_REFRESH_TTL_S: String(config.auth.refreshTtlS),
    SERVICE_TIMEZONE: config.serviceTimezone,
    SEED_DEMO: String(config.seedDemo),
    OUTBOX_POLL_MS: String(config.outboxPollMs),
  };
}
