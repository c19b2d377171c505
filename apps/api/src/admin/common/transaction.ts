import { QueryFailedError } from 'typeorm';
import { conflict, DomainError, ErrorCodeWith } from '@app/domain';

/**
 * Maps the database's own refusals (a unique key taken by a concurrent write, a row still
 * referenced) to stable codes, so a race that slips past the pre-checks is still a clear 409.
 */
export function mapConstraintError(
  error: unknown,
  codes: { unique?: [ErrorCodeWith<409>, string]; foreignKey?: [ErrorCodeWith<409>, string] },
): unknown {
  if (error instanceof DomainError || !(error instanceof QueryFailedError)) return error;
  const pgCode = (error.driverError as { code?: string })?.code;
  if (pgCode === '23505' && codes.unique) return conflict(...codes.unique);
  // 23503 foreign_key_violation (NO ACTION), 23001 restrict_violation (ON DELETE RESTRICT).
  if ((pgCode === '23503' || pgCode === '23001') && codes.foreignKey) return conflict(...codes.foreignKey);
  return error;
}
