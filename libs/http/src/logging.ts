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
  if (!(error instanceof Error)) return { type: typeof error };
  const e = error as Error & { code?: unknown; driverError?: { code?: unknown } };
  const code = typeof e.code === 'string' ? e.code : typeof e.driverError?.code === 'string' ? e.driverError.code : undefined;
  return { type: e.constructor?.name ?? e.name, message: e.message, code, stack: e.stack };
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
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
        // Response headers can carry credentials (Set-Cookie): the status is what we need.
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: serializeError,
      },
    },
  });
}
