import { ErrorCode, ProblemStatus, StatusOf, statusesOf } from '@app/domain';

/** Where @ApiProblems keeps an endpoint's codes, for the document builder (documentProblems). */
export const API_PROBLEMS = 'openapi:problems';

/** A code at one of its statuses, where the code has several and the endpoint answers with one. */
export type ProblemAt = { [C in ErrorCode]: readonly [C, StatusOf<C>] }[ErrorCode];
export type ProblemEntry = ErrorCode | ProblemAt;

/**
 * The error codes an endpoint (or every endpoint of a controller) refuses with, beyond the ones
 * every endpoint shares (token, role, input, rate limit, database: added by documentProblems from
 * the guards' own metadata). The statuses come from the registry; the document lists each code
 * under each of its statuses with the problem body, or under the one given: `['AREA_NOT_FOUND', 422]`.
 */
export function ApiProblems(...codes: ProblemEntry[]): MethodDecorator & ClassDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const where = (descriptor?.value as object | undefined) ?? target;
    const before = (Reflect.getMetadata(API_PROBLEMS, where) as ProblemEntry[] | undefined) ?? [];
    Reflect.defineMetadata(API_PROBLEMS, [...before, ...codes], where);
  };
}

const entriesOf = (where: object) => (Reflect.getMetadata(API_PROBLEMS, where) as ProblemEntry[] | undefined) ?? [];

/** An endpoint's declared codes (its controller's, then its own), each with its statuses. */
export function problemCodesOf(controller: object, handler: object): [ErrorCode, readonly ProblemStatus[]][] {
  return [...entriesOf(controller), ...entriesOf(handler)].map((entry) =>
    typeof entry === 'string' ? [entry, statusesOf(entry)] : [entry[0], [entry[1]]],
  );
}
