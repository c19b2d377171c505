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
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,40}$/, 'letters, digits, - and _ only')
    .default('geomdan'),
  DATA_DIR: z.string().min(1).default('.data'),
  /** Ports of the private servers started when DATABASE_URL / REDIS_URL are unset. */
  EMBEDDED_POSTGRES_PORT: port(54329),
  EMBEDDED_REDIS_PORT: port(63790),
  /** Interface the apps listen on: 0.0.0.0 for containers, 127.0.0.1 to stay on this machine. */
  BIND_HOST: z
    .string()
    .regex(/^[0-9a-fA-F.:]+$|^localhost$/, 'must be an IP address or localhost')
    .default('0.0.0.0'),
  API_PORT: port(3000),
  GATEWAY_PORT: port(3001),
  DISPATCHER_PORT: port(3002),
  PUBLIC_API_URL: z.string().url().optional(),
  PUBLIC_GATEWAY_URL: z.string().url().optional(),
  CORS_ORIGINS: z.string().default('*'),
  /** Web pages: map tile URL template ({z}/{x}/{y}, optional {s}); offline, the maps still draw vans, stops and routes. */
  WEB_TILE_URL: z.string().min(1).default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  WEB_TILE_ATTRIBUTION: z.string().default('© OpenStreetMap contributors'),
  /** Built web pages (vite build output) that the api serves at `/`; relative to the working directory. */
  WEB_DIST_DIR: z.string().min(1).default('apps/web/dist'),
  JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  JWT_ACCESS_TTL_S: z.coerce.number().int().min(30).max(86_400).default(900),
  JWT_REFRESH_TTL_S: z.coerce
    .number()
    .int()
    .min(300)
    .max(90 * 86_400)
    .default(14 * 86_400),
  SERVICE_TIMEZONE: z.string().default('Asia/Seoul'),
  SEED_DEMO: flag(true),
  /** Bearer token a Prometheus scrape of `/metrics` must send; unset = scrapes from this machine only. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Requests per minute: sign-in per IP + email, bookings per account, everything else per IP. */
  RATE_LIMIT_SIGN_IN_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(10),
  /** Failed sign-ins per account (from any address) and per address (at any account) in 15 minutes, then blocks with backoff. */
  RATE_LIMIT_SIGN_IN_ACCOUNT_FAILURES: z.coerce.number().int().min(1).max(100_000).default(10),
  RATE_LIMIT_SIGN_IN_ADDRESS_FAILURES: z.coerce.number().int().min(1).max(100_000).default(20),
  /** First block after a sign-in limit, seconds; each further one within 24 h lasts twice as long (at most an hour). */
  RATE_LIMIT_SIGN_IN_BLOCK_S: z.coerce.number().int().min(1).max(3600).default(60),
  RATE_LIMIT_BOOKING_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(20),
  RATE_LIMIT_DEFAULT_PER_MIN: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** HMAC key of luggage quotes; unset = derived from JWT_SECRET. */
  QUOTE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  QUOTE_TTL_S: z.coerce.number().int().min(30).max(3600).default(300),
  /** Largest bag photo a courier may upload, bytes. */
  LUGGAGE_PHOTO_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(10_000)
    .max(50_000_000)
    .default(8 * 1024 * 1024),
  /** Bag photos go to this S3-compatible bucket when set (else DATA_DIR/photos). */
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid bucket name')
    .optional(),
  S3_ENDPOINT: urlWithProtocol(['http:', 'https:'], 'https://s3.example.com').optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** MinIO and most S3-compatible servers need path-style URLs. */
  S3_FORCE_PATH_STYLE: flag(true),
  /** OSRM-compatible routing service (its `table` endpoint); unset = great-circle estimate. */
  OSRM_URL: urlWithProtocol(['http:', 'https:'], 'http://osrm:5000').optional(),
  /** Shuttle dispatch defaults; a service area's `settings` jsonb overrides them per area. */
  SHUTTLE_MAX_WAIT_MIN: z.coerce.number().min(1).max(120).default(15),
  SHUTTLE_RIDE_TIME_ALPHA: z.coerce.number().min(1).max(5).default(1.5),
  SHUTTLE_RIDE_TIME_BETA_MIN: z.coerce.number().min(0).max(120).default(10),
  SHUTTLE_DWELL_S: z.coerce.number().int().min(0).max(900).default(60),
  SHUTTLE_NO_SHOW_AFTER_MIN: z.coerce.number().min(0).max(60).default(3),
  SHUTTLE_BOOKING_HORIZON_DAYS: z.coerce.number().int().min(0).max(60).default(7),
  SHUTTLE_RIDER_DELAY_WEIGHT: z.coerce.number().min(0).max(100).default(1),
  /** Road distance ÷ great-circle distance for the default travel-time estimate. */
  TRAVEL_ROAD_FACTOR: z.coerce.number().min(1).max(3).default(1.3),
  /** 24 comma-separated km/h figures, one per local hour; unset = the built-in Incheon profile. */
  TRAVEL_SPEED_KMH_BY_HOUR: z
    .string()
    .regex(/^\s*\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?){23}\s*$/, 'must be 24 comma-separated numbers')
    .optional(),
  /** Live demo traffic (apps/simulator) started by `npm start`: on/off; unset = on in development only. */
  SIMULATOR: z.enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no']).optional(),
  /** How much faster than real time the simulator books rides and luggage (vans still drive at the planned pace). */
  SIMULATOR_SPEED: z.coerce.number().min(1).max(1000).default(10),
  /** Text messages (SMS, KakaoTalk AlimTalk): `solapi`, or `none` = the development outbox (`/dev/messages`). */
  NOTIFY_PROVIDER: z.enum(['none', 'solapi']).default('none'),
  SOLAPI_API_KEY: z.string().min(8).optional(),
  SOLAPI_API_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** SOLAPI's REST API; a test points it at a local server. */
  SOLAPI_BASE_URL: urlWithProtocol(['http:', 'https:'], 'https://api.solapi.com').default('https://api.solapi.com'),
  /** Registered sender number (발신번호), as the provider lists it. */
  SOLAPI_SENDER: z
    .string()
    .regex(/^\+?\d{8,15}$/, 'must be a phone number')
    .optional(),
  /** KakaoTalk channel (pfId); unset = SMS only. */
  SOLAPI_KAKAO_PF_ID: z.string().min(1).optional(),
  /** AlimTalk template ids: `template.lang=id` pairs, comma-separated (e.g. `luggage_booked.ko=KA01TP...`). */
  ALIMTALK_TEMPLATES: z
    .string()
    .regex(
      /^\s*[a-z_]+\.(ko|en)=[\w-]+(\s*,\s*[a-z_]+\.(ko|en)=[\w-]+)*\s*$/,
      'must be template.lang=id pairs separated by commas',
    )
    .optional(),
  /** Email over SMTP (`smtp://user:pass@host:587`, `smtps://…`); unset = the development outbox. */
  SMTP_URL: urlWithProtocol(['smtp:', 'smtps:'], 'smtp://user:pass@mail.example.com:587').optional(),
  SMTP_FROM: z.string().min(3).default('Free-Lug <no-reply@free-lug.example>'),
});

export type RawEnv = z.infer<typeof envSchema>;
