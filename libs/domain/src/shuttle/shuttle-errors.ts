import { ErrorCode } from '../errors/error-codes';

/** The shuttle's codes by name (the registry, libs/domain/src/errors, holds their statuses). */
export const ShuttleErrorCode = {
  RidesOnBoard: 'RIDES_ON_BOARD',
  LocationInFuture: 'LOCATION_IN_FUTURE',
  StopUnknown: 'STOP_UNKNOWN',
  StopOutsideArea: 'STOP_OUTSIDE_AREA',
  SameStop: 'PICKUP_EQUALS_DROPOFF',
  OutsideServiceHours: 'OUTSIDE_SERVICE_HOURS',
  TimeInPast: 'TIME_IN_PAST',
  BeyondHorizon: 'BEYOND_BOOKING_HORIZON',
  PassengersOutOfRange: 'PASSENGERS_OUT_OF_RANGE',
  AreaNotFound: 'AREA_NOT_FOUND',
  AreaForbidden: 'AREA_FORBIDDEN',
  AreaNotShuttle: 'AREA_NOT_SHUTTLE',
  RideNotFound: 'RIDE_NOT_FOUND',
  RideInvalidTransition: 'RIDE_INVALID_TRANSITION',
  RideNotYours: 'RIDE_NOT_YOURS',
  EmployerCodeUnknown: 'EMPLOYER_CODE_UNKNOWN',
  EmailTaken: 'EMAIL_TAKEN',
  PhoneTaken: 'PHONE_TAKEN',
  NoShift: 'NO_SHIFT',
  ShiftNotActive: 'SHIFT_NOT_ACTIVE',
  VehicleBusy: 'VEHICLE_BUSY',
  NoShowTooEarly: 'NO_SHOW_TOO_EARLY',
  StopOutOfOrder: 'STOP_OUT_OF_ORDER',
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  IdempotencyKeyInvalid: 'IDEMPOTENCY_KEY_INVALID',
  MoveInfeasible: 'MOVE_INFEASIBLE',
  MoveSameVehicle: 'MOVE_SAME_VEHICLE',
  RideAlreadyOnBoard: 'RIDE_ALREADY_ON_BOARD',
  RideFinished: 'RIDE_FINISHED',
  RideNotActive: 'RIDE_NOT_ACTIVE',
  VehicleNotFound: 'VEHICLE_NOT_FOUND',
  VehicleNotAvailable: 'VEHICLE_NOT_AVAILABLE',
  PlanChanged: 'PLAN_CHANGED',
} as const satisfies Record<string, ErrorCode>;

export type ShuttleErrorCodeValue = (typeof ShuttleErrorCode)[keyof typeof ShuttleErrorCode];

/** Why the dispatcher turned a request down (the engine's codes plus the ones decided before it). */
export const RIDE_REJECTION_CODES = [
  'ACCESSIBILITY',
  'NO_VEHICLE_CAPACITY',
  'PICKUP_WINDOW',
  'DROPOFF_WINDOW',
  'RIDE_TIME',
  'SHIFT_END',
  'OTHER_RIDERS_PROMISES',
  'NO_VEHICLE',
  'VEHICLE_UNAVAILABLE',
  /** The dispatcher could not plan the request at all (its job failed every attempt). */
  'DISPATCH_FAILED',
] as const;
export type RideRejectionCode = (typeof RIDE_REJECTION_CODES)[number];
