import type { ShuttleSettings } from '@app/domain';
import { embeddedDatabaseUrl, embeddedRedisUrl, envSchema } from './env.schema';

/** The validated configuration every app receives; nothing else reads process.env. */
export interface AppConfig {
  env: 'development' | 'test' | 'production';
  logLevel: string;
  database: { url: string; embedded: boolean };
  redis: { url: string; embedded: boolean; prefix: string };
  dataDir: string;
  ports: { api: number; gateway: number; dispatcher: number };
  bindHost: string;
  publicUrls: { api: string; gateway: string };
  corsOrigins: string[] | '*';
  /** The browser pages: map tiles and where the built files are. */
  web: { tileUrl: string; tileAttribution: string; distDir: string };
  auth: { jwtSecret: string; accessTtlS: number; refreshTtlS: number };
  serviceTimezone: string;
  seedDemo: boolean;
  /** `/metrics` of every app: bearer `token` when set, else loopback callers only. */
  metrics: { token: string | null };
  outboxPollMs: number;
  rateLimits: {
    signInPerMin: number;
    bookingPerMin: number;
    defaultPerMin: number;
    /** Failed sign-ins in 15 minutes per account and per address before blocks (of signInBlockS, doubling). */
    signInAccountFailures: number;
    signInAddressFailures: number;
    signInBlockS: number;
  };
  /** Free-Lug: quote signing (HMAC-SHA256) and bag photo uploads. */
  luggage: {
    quoteSecret: string;
    quoteTtlS: number;
    photoMaxBytes: number;
    /** S3-compatible photo storage; null = local disk under dataDir. */
    s3: {
      bucket: string;
      endpoint: string | null;
      region: string;
      accessKeyId: string | null;
      secretAccessKey: string | null;
      forcePathStyle: boolean;
    } | null;
  };
  /** Travel times: OSRM `table` when osrmUrl is set, else great-circle × roadFactor ÷ speed. */
  travel: { osrmUrl: string | null; roadFactor: number; speedKmhByHour: number[] | null };
  /** Shuttle dispatch defaults (an area's settings override them). */
  shuttle: ShuttleSettings;
  /** Demo traffic through the public API (apps/simulator); `speed` paces its demand. */
  simulator: { enabled: boolean; speed: number };
  /** Where messages go: a provider when configured, else the development outbox in PostgreSQL. */
  notify: {
    /** SMS and AlimTalk through SOLAPI; null = development outbox. */
    solapi: { apiKey: string; apiSecret: string; baseUrl: string; sender: string; kakaoPfId: string | null } | null;
    /** `template.lang` → AlimTalk template id. */
    alimTalkTemplates: Record<string, string>;
    /** null = development outbox. */
    smtp: { url: string; from: string } | null;
  };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
  }
}

const DEV_JWT_SECRET = 'geomdan-local-development-secret';

/**
 * Secrets published in this repository (the built-in default, the compose example, the test
 * suites'): anyone can sign tokens with them, so production refuses them.
 */
const PUBLISHED_SECRETS = new Set([
  DEV_JWT_SECRET,
  'change-me-in-production-0123456789',
  'test-secret-0123456789abcdef',
  'unit-test-secret-0123456789',
  'another-secret-0123456789ab',
]);

/** Variables whose value is never printed, not even in part. */
const SECRET_VARIABLES = new Set([
  'JWT_SECRET',
  'QUOTE_SECRET',
  'METRICS_TOKEN',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'SOLAPI_API_KEY',
  'SOLAPI_API_SECRET',
  'SMTP_URL',
]);

/** What a config error may show of a value: nothing of a secret, no password inside a URL. */
function shown(variable: string, value: string): string {
  if (SECRET_VARIABLES.has(variable)) return `(${value.length} characters, not shown)`;
  return `(got "${value.slice(0, 60).replace(/\/\/[^/@\s]*@/g, '//***@')}")`;
}

/** Validates an environment map. Throws ConfigError naming the first bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  // Empty strings mean "unset": shells and compose files produce them for absent values.
  const env = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0] ?? 'environment');
    const got = env[variable] === undefined ? 'is missing' : shown(variable, String(env[variable]));
    throw new ConfigError(variable, `${issue.message.toLowerCase()} ${got}`);
  }
  const v = parsed.data;
  if (v.NOTIFY_PROVIDER === 'solapi') {
    for (const variable of ['SOLAPI_API_KEY', 'SOLAPI_API_SECRET', 'SOLAPI_SENDER'] as const) {
      if (!v[variable]) throw new ConfigError(variable, 'is missing (required when NOTIFY_PROVIDER=solapi)');
    }
  }
  if (v.NODE_ENV === 'production' && !v.JWT_SECRET) {
    throw new ConfigError('JWT_SECRET', 'is missing (required when NODE_ENV=production)');
  }
  if (v.NODE_ENV === 'production') {
    for (const variable of ['JWT_SECRET', 'QUOTE_SECRET'] as const) {
      const value = v[variable];
      if (value && PUBLISHED_SECRETS.has(value)) {
        throw new ConfigError(
          variable,
          'is a published development secret: set a random one of 32+ characters (e.g. `openssl rand -base64 32`) when NODE_ENV=production',
        );
      }
    }
  }
  return {
    env: v.NODE_ENV,
    logLevel: v.LOG_LEVEL,
    database: { url: v.DATABASE_URL ?? embeddedDatabaseUrl(v.EMBEDDED_POSTGRES_PORT), embedded: !v.DATABASE_URL },
    redis: {
      url: v.REDIS_URL ?? embeddedRedisUrl(v.EMBEDDED_REDIS_PORT),
      embedded: !v.REDIS_URL,
      prefix: v.REDIS_PREFIX,
    },
    dataDir: v.DATA_DIR,
    ports: { api: v.API_PORT, gateway: v.GATEWAY_PORT, dispatcher: v.DISPATCHER_PORT },
    bindHost: v.BIND_HOST,
    publicUrls: {
      api: v.PUBLIC_API_URL ?? `http://localhost:${v.API_PORT}`,
      gateway: v.PUBLIC_GATEWAY_URL ?? `http://localhost:${v.GATEWAY_PORT}`,
    },
    corsOrigins: v.CORS_ORIGINS === '*' ? '*' : v.CORS_ORIGINS.split(',').map((o) => o.trim()),
    web: { tileUrl: v.WEB_TILE_URL, tileAttribution: v.WEB_TILE_ATTRIBUTION, distDir: v.WEB_DIST_DIR },
    auth: {
      jwtSecret: v.JWT_SECRET ?? DEV_JWT_SECRET,
      accessTtlS: v.JWT_ACCESS_TTL_S,
      refreshTtlS: v.JWT_REFRESH_TTL_S,
    },
    serviceTimezone: v.SERVICE_TIMEZONE,
    seedDemo: v.SEED_DEMO,
    metrics: { token: v.METRICS_TOKEN ?? null },
    outboxPollMs: v.OUTBOX_POLL_MS,
    rateLimits: {
      signInPerMin: v.RATE_LIMIT_SIGN_IN_PER_MIN,
      bookingPerMin: v.RATE_LIMIT_BOOKING_PER_MIN,
      defaultPerMin: v.RATE_LIMIT_DEFAULT_PER_MIN,
      signInAccountFailures: v.RATE_LIMIT_SIGN_IN_ACCOUNT_FAILURES,
      signInAddressFailures: v.RATE_LIMIT_SIGN_IN_ADDRESS_FAILURES,
      signInBlockS: v.RATE_LIMIT_SIGN_IN_BLOCK_S,
    },
    luggage: {
      quoteSecret: v.QUOTE_SECRET ?? `quote:${v.JWT_SECRET ?? DEV_JWT_SECRET}`,
      quoteTtlS: v.QUOTE_TTL_S,
      photoMaxBytes: v.LUGGAGE_PHOTO_MAX_BYTES,
      s3: v.S3_BUCKET
        ? {
            bucket: v.S3_BUCKET,
            endpoint: v.S3_ENDPOINT ?? null,
            region: v.S3_REGION,
            accessKeyId: v.S3_ACCESS_KEY_ID ?? null,
            secretAccessKey: v.S3_SECRET_ACCESS_KEY ?? null,
            forcePathStyle: v.S3_FORCE_PATH_STYLE,
          }
        : null,
    },
    travel: {
      osrmUrl: v.OSRM_URL ?? null,
      roadFactor: v.TRAVEL_ROAD_FACTOR,
      speedKmhByHour: v.TRAVEL_SPEED_KMH_BY_HOUR
        ? v.TRAVEL_SPEED_KMH_BY_HOUR.split(',').map((x) => Number(x.trim()))
        : null,
    },
    shuttle: {
      maxWaitMin: v.SHUTTLE_MAX_WAIT_MIN,
      rideTimeAlpha: v.SHUTTLE_RIDE_TIME_ALPHA,
      rideTimeBetaMin: v.SHUTTLE_RIDE_TIME_BETA_MIN,
      dwellS: v.SHUTTLE_DWELL_S,
      noShowAfterMin: v.SHUTTLE_NO_SHOW_AFTER_MIN,
      bookingHorizonDays: v.SHUTTLE_BOOKING_HORIZON_DAYS,
      riderDelayWeight: v.SHUTTLE_RIDER_DELAY_WEIGHT,
    },
    simulator: {
      enabled:
        v.SIMULATOR === undefined ? v.NODE_ENV === 'development' : ['on', 'true', '1', 'yes'].includes(v.SIMULATOR),
      speed: v.SIMULATOR_SPEED,
    },
    notify: {
      solapi:
        v.NOTIFY_PROVIDER === 'solapi'
          ? {
              apiKey: v.SOLAPI_API_KEY!,
              apiSecret: v.SOLAPI_API_SECRET!,
              baseUrl: v.SOLAPI_BASE_URL.replace(/\/+$/, ''),
              sender: v.SOLAPI_SENDER!,
              kakaoPfId: v.SOLAPI_KAKAO_PF_ID ?? null,
            }
          : null,
      alimTalkTemplates: Object.fromEntries(
        (v.ALIMTALK_TEMPLATES ?? '')
          .split(',')
          .map((pair) => pair.trim().split('='))
          .filter((kv) => kv.length === 2),
      ),
      smtp: v.SMTP_URL ? { url: v.SMTP_URL, from: v.SMTP_FROM } : null,
    },
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
    BIND_HOST: config.bindHost,
    API_PORT: String(config.ports.api),
    GATEWAY_PORT: String(config.ports.gateway),
    DISPATCHER_PORT: String(config.ports.dispatcher),
    PUBLIC_API_URL: config.publicUrls.api,
    PUBLIC_GATEWAY_URL: config.publicUrls.gateway,
    CORS_ORIGINS: config.corsOrigins === '*' ? '*' : config.corsOrigins.join(','),
    WEB_TILE_URL: config.web.tileUrl,
    WEB_TILE_ATTRIBUTION: config.web.tileAttribution,
    WEB_DIST_DIR: config.web.distDir,
    JWT_SECRET: config.auth.jwtSecret,
    JWT_ACCESS_TTL_S: String(config.auth.accessTtlS),
    JWT_REFRESH_TTL_S: String(config.auth.refreshTtlS),
    SERVICE_TIMEZONE: config.serviceTimezone,
    SEED_DEMO: String(config.seedDemo),
    ...(config.metrics.token ? { METRICS_TOKEN: config.metrics.token } : {}),
    OUTBOX_POLL_MS: String(config.outboxPollMs),
    RATE_LIMIT_SIGN_IN_PER_MIN: String(config.rateLimits.signInPerMin),
    RATE_LIMIT_BOOKING_PER_MIN: String(config.rateLimits.bookingPerMin),
    RATE_LIMIT_DEFAULT_PER_MIN: String(config.rateLimits.defaultPerMin),
    RATE_LIMIT_SIGN_IN_ACCOUNT_FAILURES: String(config.rateLimits.signInAccountFailures),
    RATE_LIMIT_SIGN_IN_ADDRESS_FAILURES: String(config.rateLimits.signInAddressFailures),
    RATE_LIMIT_SIGN_IN_BLOCK_S: String(config.rateLimits.signInBlockS),
    QUOTE_SECRET: config.luggage.quoteSecret,
    QUOTE_TTL_S: String(config.luggage.quoteTtlS),
    LUGGAGE_PHOTO_MAX_BYTES: String(config.luggage.photoMaxBytes),
    ...(config.luggage.s3
      ? {
          S3_BUCKET: config.luggage.s3.bucket,
          ...(config.luggage.s3.endpoint ? { S3_ENDPOINT: config.luggage.s3.endpoint } : {}),
          S3_REGION: config.luggage.s3.region,
          ...(config.luggage.s3.accessKeyId ? { S3_ACCESS_KEY_ID: config.luggage.s3.accessKeyId } : {}),
          ...(config.luggage.s3.secretAccessKey ? { S3_SECRET_ACCESS_KEY: config.luggage.s3.secretAccessKey } : {}),
          S3_FORCE_PATH_STYLE: String(config.luggage.s3.forcePathStyle),
        }
      : {}),
    ...(config.travel.osrmUrl ? { OSRM_URL: config.travel.osrmUrl } : {}),
    TRAVEL_ROAD_FACTOR: String(config.travel.roadFactor),
    ...(config.travel.speedKmhByHour ? { TRAVEL_SPEED_KMH_BY_HOUR: config.travel.speedKmhByHour.join(',') } : {}),
    SHUTTLE_MAX_WAIT_MIN: String(config.shuttle.maxWaitMin),
    SHUTTLE_RIDE_TIME_ALPHA: String(config.shuttle.rideTimeAlpha),
    SHUTTLE_RIDE_TIME_BETA_MIN: String(config.shuttle.rideTimeBetaMin),
    SHUTTLE_DWELL_S: String(config.shuttle.dwellS),
    SHUTTLE_NO_SHOW_AFTER_MIN: String(config.shuttle.noShowAfterMin),
    SHUTTLE_BOOKING_HORIZON_DAYS: String(config.shuttle.bookingHorizonDays),
    SHUTTLE_RIDER_DELAY_WEIGHT: String(config.shuttle.riderDelayWeight),
    SIMULATOR: config.simulator.enabled ? 'on' : 'off',
    SIMULATOR_SPEED: String(config.simulator.speed),
    NOTIFY_PROVIDER: config.notify.solapi ? 'solapi' : 'none',
    ...(config.notify.solapi
      ? {
          SOLAPI_API_KEY: config.notify.solapi.apiKey,
          SOLAPI_API_SECRET: config.notify.solapi.apiSecret,
          SOLAPI_BASE_URL: config.notify.solapi.baseUrl,
          SOLAPI_SENDER: config.notify.solapi.sender,
          ...(config.notify.solapi.kakaoPfId ? { SOLAPI_KAKAO_PF_ID: config.notify.solapi.kakaoPfId } : {}),
        }
      : {}),
    ...(Object.keys(config.notify.alimTalkTemplates).length
      ? {
          ALIMTALK_TEMPLATES: Object.entries(config.notify.alimTalkTemplates)
            .map(([k, id]) => `${k}=${id}`)
            .join(','),
        }
      : {}),
    ...(config.notify.smtp ? { SMTP_URL: config.notify.smtp.url, SMTP_FROM: config.notify.smtp.from } : {}),
  };
}
