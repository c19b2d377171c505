import type { ErrorCode as RegisteredErrorCode } from '../../domain/src/errors/error-codes';

/**
 * Every stable error code a problem body may carry (`{ code, message, details }`): the one
 * registry in libs/domain (libs/domain/src/errors/error-codes.ts), taken as a type only, from its
 * own file (which imports nothing), so the pages compile against the codes the server throws.
 * Clients switch on the code, never on the message; a code is never renamed.
 */
export type ErrorCode = RegisteredErrorCode;

/** The body of every refusal (RFC 9457 in spirit): a stable code, English text, and values for a message. */
export interface Problem {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** One refused value of a `400 VALIDATION_FAILED` (`details.fields`): the property path and the rule. */
export interface FieldRefusal {
  field: string;
  rule: string;
  message: string;
}
