import { ErrorCode, ErrorCodeWith, ProblemStatus } from './error-codes';

/**
 * What kind of refusal an error is; its HTTP status follows from it (CATEGORY_STATUS), and the
 * registry (error-codes.ts) says which categories a code may be thrown with: the helpers below
 * accept only the codes registered with their status, so a code thrown with a status it is not
 * documented with does not compile.
 */
export type ErrorCategory =
  'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'unavailable' | 'too_large';

export const CATEGORY_STATUS = {
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  too_large: 413,
} as const satisfies Record<ErrorCategory, ProblemStatus>;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly category: ErrorCategory = 'invalid',
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): ProblemStatus {
    return CATEGORY_STATUS[this.category];
  }
}

export const invalid = (code: ErrorCodeWith<422>, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 'invalid', details);
export const notFound = (code: ErrorCodeWith<404>, message: string) => new DomainError(code, message, 'not_found');
export const conflict = (code: ErrorCodeWith<409>, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 'conflict', details);
export const forbidden = (code: ErrorCodeWith<403>, message: string) => new DomainError(code, message, 'forbidden');
export const unauthenticated = (code: ErrorCodeWith<401>, message: string) =>
  new DomainError(code, message, 'unauthenticated');
/** 413: a body, or a part of it, over its bound. */
export const tooLarge = (code: ErrorCodeWith<413>, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 'too_large', details);
/** 429: `retryAfterS` becomes the Retry-After header every 429 carries. */
export const rateLimited = (code: ErrorCodeWith<429>, message: string, retryAfterS: number) =>
  new DomainError(code, message, 'rate_limited', { retryAfterS: Math.max(1, Math.ceil(retryAfterS)) });
