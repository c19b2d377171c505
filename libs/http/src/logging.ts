import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@app/config';

/** Never logged: credentials, PINs, tokens. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  '*.password',
  '*.pin',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
];

/**
 * URLs carry credentials in a few places: tracking links, invite links, the queue dashboard's
 * ?token=. They are masked before a URL reaches a log line.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/(\/(?:tracking|track|invites)\/)[^/?#]+/gi, '$1[redacted]')
    .replace(/([?&](?:token|access_token|pin|trackingToken)=)[^&#]*/gi, '$1[redacted]');
}

/**
 * What an error may put in a log line: its class, message, stack and database error code. Never
 * its other fields: TypeORM's QueryFailedError carries the query's `parameters` (emails, password
 * hashes) and the driver's `detail` ("Failing row contains (...)") with every value of the row.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (error === null || typeof error !== 'object') return { type: typeof error };
  // pino-http hands this serializer what pino's standard one made of the error: a plain copy of
  // every field, its class in `type`. Both forms are read; only the four fields go out.
  const e = error as {
    type?: unknown;
    name?: unknown;
    message?: unknown;
    stack?: unknown;
    code?: unknown;
    driverError?: { code?: unknown };
  };
  const type =
    error instanceof Error ? (error.constructor?.name ?? error.name) : typeof e.type === 'string' ? e.type : 'object';
  const code =
    typeof e.code === 'string' ? e.code : typeof e.driverError?.code === 'string' ? e.driverError.code : undefined;
  return {
    type,
    message: typeof e.message === 'string' ? e.message : undefined,
    code,
    stack: typeof e.stack === 'string' ? e.stack : undefined,
  };
}

/** Structured JSON logs with a request id that callers may supply via X-Request-Id. */
export function loggingModule(config: AppConfig, app: string) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: config.logLevel,
      base: { app },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: (req: IncomingMessage) => {
        const given = req.headers['x-request-id'];
        return typeof given === 'string' && /^[\w-]{8,80}$/.test(given) ? given : randomUUID();
      },
      customProps: () => ({}),
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/metrics' },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
        }),
        // Response headers can carry credentials (Set-Cookie): the status is what we need.
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: serializeError,
      },
    },
  });
}
