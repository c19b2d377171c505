/**
 * Every stable error code the server can answer with, and the HTTP status(es) it goes out with.
 * Clients switch on `code`, never on messages, so a code is never renamed. This is the one list:
 * the domain errors, the problem filter, the socket refusals and the OpenAPI document take their
 * codes from it, so a code that is not here does not compile. A code with two statuses is thrown
 * with either, by meaning: `AREA_NOT_FOUND` is a 404 for the area in the path and a 422 for an
 * `areaId` in a body (the request names something that does not exist).
 * The web says each code as `code.<CODE>` in Korean and in English (apps/web/src/messages.ts).
 */
export const ERROR_CODES = {
  // Input refused before any handler (pipes, body parser, content type).
  VALIDATION_FAILED: [400, 422],
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_DEEP: 400,
  TEXT_NOT_ALLOWED: 400,
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  METHOD_NOT_ALLOWED: 405,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  /** An HttpException with a status no other code names (its own status goes out), e.g. /health's 503. */
  HTTP_ERROR: [500, 503],
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
  RATE_LIMITED: 429,

  // Sign-in, tokens, roles (HTTP and the gateway's handshake).
  AUTH_REQUIRED: 401,
  AUTH_INVALID_CREDENTIALS: 401,
  AUTH_REFRESH_INVALID: 401,
  AUTH_TOKEN_EXPIRED: 401,
  AUTH_TOKEN_INVALID: 401,
  AUTH_TOKEN_REVOKED: 401,
  /** Socket handshake only: the account could not be checked (Redis or Postgres down). */
  AUTH_UNAVAILABLE: 503,
  AUTH_ROLE_FORBIDDEN: 403,
  USER_NOT_FOUND: 404,
  METRICS_TOKEN_REQUIRED: 401,
  METRICS_LOOPBACK_ONLY: 403,
  IDEMPOTENCY_KEY_INVALID: 422,
  IDEMPOTENCY_KEY_REUSED: 409,
  OCCURRED_AT_IN_FUTURE: 422,
  OCCURRED_AT_TOO_EARLY: 422,
  PIPELINE_CHECK_NOT_FOUND: 404,

  // Service areas, places, companies, vehicles, staff, shifts (admin).
  AREA_NOT_FOUND: [404, 422],
  AREA_FORBIDDEN: 403,
  AREA_NOT_SHUTTLE: 422,
  AREA_CODE_TAKEN: 409,
  AREA_EXCLUDES_PLACES: 422,
  AREA_HOLIDAY_DUPLICATE: 422,
  AREA_HOLIDAY_INVALID: 422,
  AREA_HOURS_INVALID: 422,
  AREA_HOURS_OVERLAP: 422,
  AREA_POLYGON_INVALID: 422,
  AREA_POLYGON_SELF_INTERSECTS: 422,
  AREA_SETTINGS_INVALID: 422,
  AREA_TIMEZONE_INVALID: 422,
  PLACE_NOT_FOUND: 404,
  PLACE_AREA_AMBIGUOUS: 422,
  PLACE_CODE_TAKEN: 409,
  PLACE_HAS_HISTORY: 409,
  PLACE_IN_USE: 409,
  PLACE_OUTSIDE_AREA: 422,
  PLACE_OUTSIDE_EVERY_AREA: 422,
  PLACE_POSITION_INCOMPLETE: 422,
  COMPANY_NOT_FOUND: 404,
  COMPANY_CODE_TAKEN: 409,
  COMPANY_PLACE_INVALID: 422,
  VEHICLE_NOT_FOUND: [404, 422],
  VEHICLE_CAPACITY_INVALID: 422,
  VEHICLE_HAS_HISTORY: 409,
  VEHICLE_HAS_OPEN_WORK: 409,
  VEHICLE_HOME_INVALID: 422,
  VEHICLE_HOME_REQUIRED: 422,
  VEHICLE_PLATE_TAKEN: 409,
  VEHICLE_BUSY: 409,
  VEHICLE_NOT_AVAILABLE: 409,
  STAFF_NOT_FOUND: [404, 422],
  STAFF_EMAIL_TAKEN: 409,
  STAFF_HAS_SHIFTS_IN_AREA: 409,
  STAFF_INACTIVE: [409, 422],
  STAFF_PROFILE_MISSING: 403,
  INVITE_EXPIRED: 422,
  INVITE_INVALID: 422,
  INVITE_NOT_FOUND: 404,
  SHIFT_NOT_FOUND: 404,
  SHIFT_ALREADY_STARTED: 409,
  SHIFT_BREAK_INVALID: 422,
  SHIFT_CLOSED: 409,
  SHIFT_NOT_STARTED: 409,
  SHIFT_OVERLAPS_STAFF: 409,
  SHIFT_OVERLAPS_VEHICLE: 409,
  SHIFT_STAFF_NOT_IN_AREA: 422,
  SHIFT_TIMES_INVALID: 422,

  // The shuttle: riders, rides, drivers.
  RIDES_ON_BOARD: 409,
  LOCATION_IN_FUTURE: 422,
  STOP_UNKNOWN: 422,
  STOP_OUTSIDE_AREA: 422,
  PICKUP_EQUALS_DROPOFF: 422,
  OUTSIDE_SERVICE_HOURS: 422,
  TIME_IN_PAST: 422,
  BEYOND_BOOKING_HORIZON: 422,
  PASSENGERS_OUT_OF_RANGE: 422,
  RIDE_TIME_REQUIRED: 422,
  RIDE_NOT_FOUND: 404,
  RIDE_INVALID_TRANSITION: 409,
  RIDE_NOT_YOURS: 403,
  RIDE_ALREADY_ON_BOARD: 409,
  RIDE_FINISHED: 409,
  RIDE_NOT_ACTIVE: 409,
  EMPLOYER_CODE_UNKNOWN: 422,
  EMAIL_TAKEN: 409,
  PHONE_TAKEN: 409,
  NO_SHIFT: 404,
  SHIFT_NOT_ACTIVE: 409,
  NO_SHOW_TOO_EARLY: 409,
  STOP_OUT_OF_ORDER: 409,
  MOVE_INFEASIBLE: 409,
  MOVE_SAME_VEHICLE: 409,
  PLAN_CHANGED: 409,

  // Free-Lug luggage delivery.
  LUGGAGE_PLACE_UNKNOWN: 422,
  LUGGAGE_ADDRESS_OUTSIDE_AREA: 422,
  LUGGAGE_ROUTE_INVALID: 422,
  LUGGAGE_BAGS_INVALID: 422,
  LUGGAGE_FLIGHT_IN_PAST: 422,
  LUGGAGE_DEADLINE_UNREACHABLE: 422,
  LUGGAGE_SAME_DAY_CUTOFF_PASSED: 422,
  LUGGAGE_PROHIBITED_ITEMS_NOT_CONFIRMED: 422,
  QUOTE_TAMPERED: 422,
  QUOTE_EXPIRED: 422,
  QUOTE_MISMATCH: 422,
  LUGGAGE_BOOKING_NOT_FOUND: 404,
  LUGGAGE_STATUS_CONFLICT: 409,
  LUGGAGE_NOT_CANCELLABLE: 409,
  LUGGAGE_NOT_YOUR_BOOKING: 403,
  PIN_INVALID: 422,
  HANDOVER_LOCKED: 409,
  HANDOVER_NOT_LOCKED: 409,
  LUGGAGE_BAG_COUNT_MISMATCH: 422,
  LUGGAGE_PHOTO_INVALID: 422,
  LUGGAGE_PHOTO_TOO_LARGE: 413,
  LUGGAGE_TOO_MANY_PHOTOS: 413,
  LUGGAGE_UPLOAD_TOO_LARGE: 413,
  LUGGAGE_UPLOAD_MALFORMED: 422,
  LUGGAGE_TAG_INVALID: [409, 422],
  TRACKING_TOKEN_INVALID: 404,
  /** Socket handshake only: the tracking link could not be checked (Postgres down). */
  TRACKING_UNAVAILABLE: 503,
  PRICE_RULES_INVALID: 422,
  PRICE_RULES_MISSING: [404, 422],
  UPLOADS_BUSY: 429,
} as const satisfies Record<string, ProblemStatus | readonly [ProblemStatus, ...ProblemStatus[]]>;

/** The statuses a problem answer can have (every 4xx/5xx the server sends). */
export type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

/** A stable error code: a key of the registry. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The key a page says a code by, in apps/web/src/messages.ts (in Korean and in English). */
export type ErrorMessageKey = `code.${ErrorCode}`;

type StatusEntry<C extends ErrorCode> = (typeof ERROR_CODES)[C];
/** The statuses a code may go out with. */
export type StatusOf<C extends ErrorCode> = StatusEntry<C> extends readonly (infer S)[] ? S : StatusEntry<C>;

/** The codes that may go out with status S (what `invalid()` = 422, `notFound()` = 404 … accept). */
export type ErrorCodeWith<S extends ProblemStatus> = { [C in ErrorCode]: S extends StatusOf<C> ? C : never }[ErrorCode];

/** Every code by its own name, for call sites and decorators: `ErrorCodes.RIDE_NOT_FOUND`. */
export const ErrorCodes = Object.fromEntries(Object.keys(ERROR_CODES).map((code) => [code, code])) as {
  readonly [C in ErrorCode]: C;
};

/** The statuses of a code, as a list. */
export function statusesOf(code: ErrorCode): readonly ProblemStatus[] {
  const entry: ProblemStatus | readonly ProblemStatus[] = ERROR_CODES[code];
  return typeof entry === 'number' ? [entry] : entry;
}

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
