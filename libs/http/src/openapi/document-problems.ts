import { INestApplication } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { IS_PUBLIC, ROLES } from '@app/auth';
import { ERROR_CODES, ErrorCode, ErrorCodes, ProblemStatus } from '@app/domain';
import { problemCodesOf } from './api-problems.decorator';

/** The name DocumentBuilder.addBearerAuth() registers the access token under. */
export const BEARER_SCHEME = 'bearer';
export const PROBLEM_SCHEMA = 'Problem';

/** Stable, URL-safe operation ids: `Rides_book` for RidesController.book. */
export const operationIdOf = (controllerKey: string, methodKey: string): string =>
  `${controllerKey.replace(/Controller$/, '')}_${methodKey}`;

/** What the global guards decide about a route, read from the same metadata they read. */
interface RouteFacts {
  isPublic: boolean;
  hasRoles: boolean;
  codes: [ErrorCode, readonly ProblemStatus[]][];
}

const REASON: Record<ProblemStatus, string> = {
  400: 'The request could not be read',
  401: 'Not signed in, or the token is no longer valid',
  403: 'Not allowed for this account',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflicts with the current state',
  413: 'The body is too large',
  415: 'The body is not JSON',
  422: 'Refused: the request breaks a rule',
  429: 'Too many requests: retry after Retry-After seconds',
  500: 'Failed on our side (logged with the request id)',
  503: 'A server we need is unavailable: retry after Retry-After seconds',
};

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/** Every route of every controller, by the operation id the document gives it. */
function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (abstract new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (
          name === 'constructor' ||
          typeof handler !== 'function' ||
          Reflect.getMetadata(PATH_METADATA, handler) === undefined
        )
          continue;
        // The guards' own precedence (Reflector.getAllAndOverride): the handler, then the class.
        const own = <T>(key: string) =>
          (Reflect.getMetadata(key, handler) as T | undefined) ??
          (Reflect.getMetadata(key, controller) as T | undefined);
        facts.set(operationIdOf(controller.name, name), {
          isPublic: own<boolean>(IS_PUBLIC) === true,
          hasRoles: (own<unknown[]>(ROLES)?.length ?? 0) > 0,
          codes: problemCodesOf(controller, handler),
        });
      }
    }
  }
  return facts;
}

/** The refusals every route shares, decided by the pipes, guards and filter of libs/http and libs/auth. */
function sharedProblems(method: string, operation: OperationObject, route: RouteFacts): [ErrorCode, ProblemStatus][] {
  const problems: [ErrorCode, ProblemStatus][] = [
    [ErrorCodes.RATE_LIMITED, 429],
    [ErrorCodes.INTERNAL, 500],
    [ErrorCodes.DATABASE_UNAVAILABLE, 503],
  ];
  if (!route.isPublic)
    problems.push(
      [ErrorCodes.AUTH_REQUIRED, 401],
      [ErrorCodes.AUTH_TOKEN_INVALID, 401],
      [ErrorCodes.AUTH_TOKEN_EXPIRED, 401],
      [ErrorCodes.AUTH_TOKEN_REVOKED, 401],
    );
  if (route.hasRoles) problems.push([ErrorCodes.AUTH_ROLE_FORBIDDEN, 403]);
  const hasInput = operation.requestBody !== undefined || (operation.parameters ?? []).length > 0;
  if (hasInput)
    problems.push(
      [ErrorCodes.VALIDATION_FAILED, 400],
      [ErrorCodes.TEXT_NOT_ALLOWED, 400],
      [ErrorCodes.PAYLOAD_TOO_DEEP, 400],
    );
  if (WRITE_METHODS.has(method)) {
    problems.push(
      [ErrorCodes.MALFORMED_JSON, 400],
      [ErrorCodes.PAYLOAD_TOO_DEEP, 400],
      [ErrorCodes.BAD_REQUEST, 400],
      [ErrorCodes.PAYLOAD_TOO_LARGE, 413],
      [ErrorCodes.UNSUPPORTED_MEDIA_TYPE, 415],
    );
  }
  return problems;
}

/**
 * Problem responses most routes share word for word, kept once under components.responses (the
 * document and the generated client would otherwise repeat them hundreds of times). A status whose
 * codes are exactly one of these sets refers to it; any other list is written out in place.
 */
const SHARED_RESPONSES: { name: string; status: ProblemStatus; codes: ErrorCode[] }[] = [
  {
    name: 'UnreadableInput',
    status: 400,
    codes: [ErrorCodes.VALIDATION_FAILED, ErrorCodes.TEXT_NOT_ALLOWED, ErrorCodes.PAYLOAD_TOO_DEEP],
  },
  {
    name: 'UnreadableBody',
    status: 400,
    codes: [
      ErrorCodes.VALIDATION_FAILED,
      ErrorCodes.TEXT_NOT_ALLOWED,
      ErrorCodes.PAYLOAD_TOO_DEEP,
      ErrorCodes.MALFORMED_JSON,
      ErrorCodes.BAD_REQUEST,
    ],
  },
  {
    name: 'UnreadableRequest',
    status: 400,
    codes: [ErrorCodes.MALFORMED_JSON, ErrorCodes.PAYLOAD_TOO_DEEP, ErrorCodes.BAD_REQUEST],
  },
  {
    name: 'Unauthenticated',
    status: 401,
    codes: [
      ErrorCodes.AUTH_REQUIRED,
      ErrorCodes.AUTH_TOKEN_INVALID,
      ErrorCodes.AUTH_TOKEN_EXPIRED,
      ErrorCodes.AUTH_TOKEN_REVOKED,
    ],
  },
  { name: 'RoleForbidden', status: 403, codes: [ErrorCodes.AUTH_ROLE_FORBIDDEN] },
  { name: 'PayloadTooLarge', status: 413, codes: [ErrorCodes.PAYLOAD_TOO_LARGE] },
  { name: 'UnsupportedMediaType', status: 415, codes: [ErrorCodes.UNSUPPORTED_MEDIA_TYPE] },
  { name: 'RateLimited', status: 429, codes: [ErrorCodes.RATE_LIMITED] },
  { name: 'InternalError', status: 500, codes: [ErrorCodes.INTERNAL] },
  { name: 'Unavailable', status: 503, codes: [ErrorCodes.DATABASE_UNAVAILABLE] },
];

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** The problem body: `{ code, message, details?, requestId? }` as ProblemFilter writes it. */
export function problemSchema(): SchemaObject {
  return {
    type: 'object',
    description: 'Every refusal. Switch on `code` (stable, never renamed), never on `message`.',
    required: ['code', 'message'],
    properties: {
      code: { type: 'string', enum: Object.keys(ERROR_CODES), description: 'The stable error code.' },
      message: { type: 'string', description: 'For people; in English.' },
      details: {
        type: 'object',
        additionalProperties: true,
        description:
          'Facts about the refusal, by code (e.g. `fields` for VALIDATION_FAILED, `retryAfterS` for RATE_LIMITED).',
      },
      requestId: { type: 'string', description: 'The X-Request-Id of the request, as logged.' },
    },
  };
}

function problemResponse(
  status: ProblemStatus,
  codes: ErrorCode[],
  before: ResponseObject | ReferenceObject | undefined,
): ResponseObject {
  const listed = codes.map((c) => `\`${c}\``).join(', ');
  const said = before && 'description' in before && before.description ? `${before.description}. ` : '';
  const response: ResponseObject = {
    description: `${said}${REASON[status]}: ${listed}.`,
    content: {
      'application/json': {
        schema: {
          allOf: [
            { $ref: `#/components/schemas/${PROBLEM_SCHEMA}` },
            { type: 'object', required: ['code'], properties: { code: { type: 'string', enum: codes } } },
          ],
        },
      },
    },
  };
  if (status === 429 || status === 503) {
    response.headers = {
      'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } },
    };
  }
  return response;
}

/**
 * Completes the document from what the app enforces: each operation's security (the access
 * token, unless @Public(): then `security: []`) and its problem responses, one per status, each
 * listing its codes (@ApiProblems plus the refusals every route shares) over the Problem schema.
 * An operation of no known route is a bug of this builder, so it throws.
 */
export function documentProblems(app: INestApplication, document: OpenAPIObject): OpenAPIObject {
  const facts = routeFacts(app);
  const responses: Record<string, ResponseObject> = {};
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA]: problemSchema() },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, OperationObject][]) {
      if (typeof operation !== 'object' || !operation.responses) continue;
      const route = operation.operationId ? facts.get(operation.operationId) : undefined;
      if (!route)
        throw new Error(
          `OpenAPI: ${method.toUpperCase()} ${path} (${operation.operationId}) matches no controller method`,
        );
      operation.security = route.isPublic ? [] : [{ [BEARER_SCHEME]: [] }];
      const byStatus = new Map<ProblemStatus, Set<ErrorCode>>();
      const add = (code: ErrorCode, status: ProblemStatus) =>
        byStatus.set(status, (byStatus.get(status) ?? new Set()).add(code));
      for (const [code, statuses] of route.codes) for (const status of statuses) add(code, status);
      for (const [code, status] of sharedProblems(method, operation, route)) add(code, status);
      for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
        const codes = [...byStatus.get(status)!];
        const before = operation.responses[String(status)];
        const shared = before
          ? undefined
          : SHARED_RESPONSES.find((r) => r.status === status && sameSet(r.codes, codes));
        if (shared) {
          responses[shared.name] = problemResponse(status, shared.codes, undefined);
          operation.responses[String(status)] = { $ref: `#/components/responses/${shared.name}` };
        } else {
          operation.responses[String(status)] = problemResponse(status, codes, before);
        }
      }
    }
  }
  // Only the shared responses some operation refers to, in a stable order.
  const used = SHARED_RESPONSES.filter((r) => responses[r.name]).map((r) => [r.name, responses[r.name]] as const);
  if (used.length) document.components.responses = { ...document.components.responses, ...Object.fromEntries(used) };
  return document;
}
