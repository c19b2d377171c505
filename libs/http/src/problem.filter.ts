import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, ErrorCode, ErrorCodes, isErrorCode } from '@app/domain';

/** The body of every refusal (its OpenAPI schema: problemSchema() in ./openapi/document-problems.ts). */
export interface ProblemBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
  requestId?: string;
}

/** The code of an HttpException that names none, by its status. */
const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  400: ErrorCodes.BAD_REQUEST,
  401: ErrorCodes.AUTH_REQUIRED,
  403: ErrorCodes.FORBIDDEN,
  404: ErrorCodes.NOT_FOUND,
  405: ErrorCodes.METHOD_NOT_ALLOWED,
  409: ErrorCodes.CONFLICT,
  413: ErrorCodes.PAYLOAD_TOO_LARGE,
  415: ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCodes.RATE_LIMITED,
};

/** Connection-level failures of Postgres: the request may succeed if retried shortly. */
function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  const code = e?.code ?? '';
  return (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      '57P01',
      '57P02',
      '57P03',
      '08000',
      '08001',
      '08003',
      '08006',
    ].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      e?.message ?? '',
    )
  );
}

/** Every 429 says when to come back: the limiter's figure, else a minute (the shortest window). */
function retryAfterOf(details: Record<string, unknown> | undefined): number {
  const s = Number(details?.retryAfterS);
  return Number.isFinite(s) && s >= 1 ? Math.ceil(s) : 60;
}

/** Nest wraps body-parser's JSON SyntaxError in a 400 before filters see it. */
function isJsonSyntaxError(exception: HttpException): boolean {
  const cause = exception.cause as { type?: string } | undefined;
  return (
    cause?.type === 'entity.parse.failed' ||
    /in JSON at position|Unexpected token|JSON\.parse|Unexpected end of JSON/i.test(exception.message)
  );
}

/**
 * The one place that turns errors into HTTP answers: `{ code, message, details, requestId }`.
 * 5xx are logged with the request id and their internals hidden from the caller.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const response = ctx.getResponse<Response>();
    const request = ctx.getRequest<{ id?: string; method?: string; url?: string }>();
    const requestId = typeof request.id === 'string' ? request.id : undefined;
    const { status, body, retryAfterS } = this.describe(exception);
    if (status >= 500) {
      this.logger.error(
        { err: exception, requestId, method: request.method, url: request.url },
        `${body.code}: ${(exception as Error)?.message}`,
      );
    }
    if (retryAfterS) response.setHeader('Retry-After', String(retryAfterS));
    if (response.headersSent) return;
    response.status(status).json({ ...body, requestId });
  }

  private describe(exception: unknown): { status: number; body: ProblemBody; retryAfterS?: number } {
    if (exception instanceof DomainError) {
      const status = exception.status;
      return {
        status,
        body: { code: exception.code, message: exception.message, details: exception.details },
        retryAfterS:
          exception.category === 'unavailable'
            ? 5
            : exception.category === 'rate_limited'
              ? retryAfterOf(exception.details)
              : undefined,
      };
    }
    if (exception instanceof HttpException && exception.getStatus() === 400 && isJsonSyntaxError(exception)) {
      return { status: 400, body: { code: ErrorCodes.MALFORMED_JSON, message: 'The request body is not valid JSON.' } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse() as
        string | { message?: unknown; code?: string; error?: string; details?: unknown };
      const raw = typeof response === 'string' ? response : response.message;
      const messages = Array.isArray(raw) ? raw.map(String) : [String(raw ?? exception.message)];
      const code =
        typeof response === 'object' && isErrorCode(response.code)
          ? response.code
          : status === 400
            ? ErrorCodes.VALIDATION_FAILED
            : (HTTP_CODES[status] ?? ErrorCodes.HTTP_ERROR);
      // Whoever threw says what the details are (the validation pipe: the refused fields by path).
      const details =
        typeof response === 'object' && response.details !== undefined
          ? response.details
          : messages.length > 1
            ? { errors: messages }
            : undefined;
      return {
        status,
        body: { code, message: messages.join('; '), details },
        retryAfterS: status === 429 ? 60 : undefined,
      };
    }
    // body-parser: malformed JSON or an oversized body, before any controller ran.
    const parserError = exception as { type?: string; status?: number };
    if (parserError?.type === 'entity.parse.failed') {
      return { status: 400, body: { code: ErrorCodes.MALFORMED_JSON, message: 'The request body is not valid JSON.' } };
    }
    if (parserError?.type === 'entity.too.deep') {
      return { status: 400, body: { code: ErrorCodes.PAYLOAD_TOO_DEEP, message: 'The request body nests too deep.' } };
    }
    if (parserError?.type === 'entity.too.large') {
      return { status: 413, body: { code: ErrorCodes.PAYLOAD_TOO_LARGE, message: 'The request body is too large.' } };
    }
    if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
      return {
        status: parserError.status,
        body: {
          code: HTTP_CODES[parserError.status] ?? ErrorCodes.BAD_REQUEST,
          message: 'The request could not be read.',
        },
      };
    }
    if (
      isDatabaseUnavailable(exception) ||
      isDatabaseUnavailable((exception as { driverError?: unknown })?.driverError)
    ) {
      return {
        status: 503,
        body: { code: ErrorCodes.DATABASE_UNAVAILABLE, message: 'The database is unavailable; retry shortly.' },
        retryAfterS: 5,
      };
    }
    if (exception instanceof QueryFailedError) {
      const pgCode = (exception.driverError as { code?: string })?.code;
      // Bad input that slipped past validation must still be the caller's 4xx, never a 500.
      if (pgCode === '22P02' || pgCode === '22003' || pgCode === '22007' || pgCode === '22008' || pgCode === '22001') {
        return {
          status: 422,
          body: { code: ErrorCodes.VALIDATION_FAILED, message: 'A value is out of range or malformed.' },
        };
      }
      if (pgCode === '23505')
        return {
          status: 409,
          body: { code: ErrorCodes.ALREADY_EXISTS, message: 'A record with the same key already exists.' },
        };
    }
    return {
      status: 500,
      body: { code: ErrorCodes.INTERNAL, message: 'Something went wrong on our side; it has been logged.' },
    };
  }
}
