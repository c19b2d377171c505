/**
 * Stable error codes. Clients switch on `code`, never on messages, so a code is never renamed;
 * the HTTP status is decided in one place (libs/http) from the code's category.
 */
export type ErrorCategory = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'unavailable' | 'too_large';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly category: ErrorCategory = 'invalid',
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 'invalid', details);
export const notFound = (code: string, message: string) => new DomainError(code, message, 'not_found');
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 'conflict', details);
export const forbidden = (code: string, message: string) => new DomainError(code, message, 'forbidden');
export const unauthenticated = (code: string, message: string) => new DomainError(code, message, 'unauthenticated');
/** 413: a body, or a part of it, over its bound. */
export const tooLarge = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 'too_large', details);
/** 429: `retryAfterS` becomes the Retry-After header every 429 carries. */
export const rateLimited = (code: string, message: string, retryAfterS: number) =>
  new DomainError(code, message, 'rate_limited', { retryAfterS: Math.max(1, Math.ceil(retryAfterS)) });
