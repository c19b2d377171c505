import { z } from 'zod';

/** Accepts "true/false/1/0/yes/no" so shell users can write flags naturally. */
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const urlWithProtocol = (protocols: string[], example: string) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL like ${example}` },
  );

/** Embedded defaults: the private servers `npm start` runs when no URL is given. */
export const embeddedDatabaseUrl = (port: number) => `postgres://geomdan:geomdan@127.0.0.1:${port}/geomdan`;
export const embeddedRedisUrl = (port: number) => `redis://127.0.0.1:${port}`;

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: urlWithProtocol(['postgres:', 'postgresql:'], 'postgres://user:pass@host:5432/db').optional(),
  REDIS_URL: urlWithProtocol(['redis:', 'rediss:'], 'redis://host:6379').optional(),
  /** Namespace for BullMQ keys and Socket.IO channels: lets test runs share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/, 'letters, digits, - and _ only').default('geomdan'),
  DATA_DIR: z.string().min(1).default('.data'),
  /** Ports of the private servers started when DATABASE_URL / REDIS_URL are unset. */
  EMBEDDED_POSTGRES_PORT: port(54329),
  EMBEDDED_REDIS_PORT: port(63790),
  API_PORT: port(3000),
  GATEWAY_PORT: port(3001),
  DISPATCHER_PORT: port(3002),
  PUBLIC_API_URL: z.string().url().optional(),
  PUBLIC_GATEWAY_URL: z.string().url().optional(),
  CORS_ORIGINS: z.string().default('*'),
  JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  JWT_ACCESS_TTL_S: z.coerce.number().int().min(30).max(86_400).default(900),
  JWT_REFRESH_TTL_S: z.coerce.number().int().min(300).max(90 * 86_400).default(14 * 86_400),
  SERVICE_TIMEZONE: z.string().default('Asia/Seoul'),
  SEED_DEMO: flag(true),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
});

export type RawEnv = z.infer<typeof envSchema>;
