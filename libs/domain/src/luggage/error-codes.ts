import { ErrorCode } from '../errors/error-codes';

/** The luggage service's codes by name (the registry, libs/domain/src/errors, holds their statuses). */
export const LuggageErrorCode = {
  PlaceUnknown: 'LUGGAGE_PLACE_UNKNOWN',
  AddressOutsideArea: 'LUGGAGE_ADDRESS_OUTSIDE_AREA',
  RouteInvalid: 'LUGGAGE_ROUTE_INVALID',
  BagsInvalid: 'LUGGAGE_BAGS_INVALID',
  FlightInPast: 'LUGGAGE_FLIGHT_IN_PAST',
  DeadlineUnreachable: 'LUGGAGE_DEADLINE_UNREACHABLE',
  SameDayCutoffPassed: 'LUGGAGE_SAME_DAY_CUTOFF_PASSED',
  ProhibitedItemsNotConfirmed: 'LUGGAGE_PROHIBITED_ITEMS_NOT_CONFIRMED',
  QuoteTampered: 'QUOTE_TAMPERED',
  QuoteExpired: 'QUOTE_EXPIRED',
  QuoteMismatch: 'QUOTE_MISMATCH',
  NotFound: 'LUGGAGE_BOOKING_NOT_FOUND',
  StatusConflict: 'LUGGAGE_STATUS_CONFLICT',
  NotCancellable: 'LUGGAGE_NOT_CANCELLABLE',
  NotYourBooking: 'LUGGAGE_NOT_YOUR_BOOKING',
  PinInvalid: 'PIN_INVALID',
  HandoverLocked: 'HANDOVER_LOCKED',
  HandoverNotLocked: 'HANDOVER_NOT_LOCKED',
  BagCountMismatch: 'LUGGAGE_BAG_COUNT_MISMATCH',
  PhotoInvalid: 'LUGGAGE_PHOTO_INVALID',
  /** 413: one photo is over LUGGAGE_PHOTO_MAX_BYTES. */
  PhotoTooLarge: 'LUGGAGE_PHOTO_TOO_LARGE',
  /** 413: more photos than a booking of the area may have bags. */
  TooManyPhotos: 'LUGGAGE_TOO_MANY_PHOTOS',
  /** 413: the pickup body as a whole (declared or read) is over its bound, or a form field is. */
  UploadTooLarge: 'LUGGAGE_UPLOAD_TOO_LARGE',
  /** 422: the multipart body cannot be read (no boundary, cut off, a file in another field than photos). */
  UploadMalformed: 'LUGGAGE_UPLOAD_MALFORMED',
  /** 429 with Retry-After: too many photo uploads in flight, for this courier or for the process. */
  UploadsBusy: 'UPLOADS_BUSY',
  TagInvalid: 'LUGGAGE_TAG_INVALID',
  TrackingTokenInvalid: 'TRACKING_TOKEN_INVALID',
  PriceRulesInvalid: 'PRICE_RULES_INVALID',
  PriceRulesMissing: 'PRICE_RULES_MISSING',
  IdempotencyConflict: 'IDEMPOTENCY_KEY_REUSED',
} as const satisfies Record<string, ErrorCode>;
