import { conflict } from '../errors';
import { ShuttleErrorCode } from './shuttle-errors';

/**
 * Life of a shuttle ride. `requested` is answered by the dispatcher with `assigned` or
 * `rejected`; a scheduled ride waits as `scheduled` until it is activated ahead of its time.
 */
export enum RideStatus {
  Scheduled = 'scheduled',
  Requested = 'requested',
  Assigned = 'assigned',
  Arrived = 'arrived',
  OnBoard = 'on_board',
  Completed = 'completed',
  Cancelled = 'cancelled',
  Rejected = 'rejected',
  NoShow = 'no_show',
}

export const RIDE_STATUSES: readonly RideStatus[] = Object.values(RideStatus);

const TRANSITIONS: Record<RideStatus, readonly RideStatus[]> = {
  [RideStatus.Scheduled]: [RideStatus.Requested, RideStatus.Cancelled, RideStatus.Rejected],
  [RideStatus.Requested]: [RideStatus.Assigned, RideStatus.Rejected, RideStatus.Cancelled],
  // assigned → requested: the van went off line and the ride is being placed on another one.
  [RideStatus.Assigned]: [
    RideStatus.Assigned,
    RideStatus.Arrived,
    RideStatus.Cancelled,
    RideStatus.Requested,
    RideStatus.Rejected,
  ],
  [RideStatus.Arrived]: [
    RideStatus.OnBoard,
    RideStatus.NoShow,
    RideStatus.Cancelled,
    RideStatus.Assigned,
    RideStatus.Rejected,
  ],
  [RideStatus.OnBoard]: [RideStatus.Completed],
  [RideStatus.Completed]: [],
  [RideStatus.Cancelled]: [],
  // rejected → assigned: a dispatcher places a turned-down request on a van by hand.
  [RideStatus.Rejected]: [RideStatus.Assigned],
  [RideStatus.NoShow]: [],
};

/** Nothing more happens to these rides on their own (a dispatcher may still place a rejected one). */
export const FINAL_RIDE_STATUSES: readonly RideStatus[] = [
  RideStatus.Completed,
  RideStatus.Cancelled,
  RideStatus.Rejected,
  RideStatus.NoShow,
];

export function canRideTransition(from: RideStatus, to: RideStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws RIDE_INVALID_TRANSITION (409) when the move is not allowed. */
export function assertRideTransition(from: RideStatus, to: RideStatus): void {
  if (!canRideTransition(from, to)) {
    throw conflict(ShuttleErrorCode.RideInvalidTransition, `A ride that is ${from} cannot become ${to}.`, { from, to });
  }
}

/** Rides that hold a seat in a van plan (or wait for one). */
export const ACTIVE_RIDE_STATUSES: readonly RideStatus[] = [
  RideStatus.Requested,
  RideStatus.Assigned,
  RideStatus.Arrived,
  RideStatus.OnBoard,
];
/** Rides whose rider is due a van position feed. */
export const TRACKED_RIDE_STATUSES: readonly RideStatus[] = [
  RideStatus.Assigned,
  RideStatus.Arrived,
  RideStatus.OnBoard,
];

export function isFinal(status: RideStatus): boolean {
  return FINAL_RIDE_STATUSES.includes(status);
}

/** When the request asks to travel. */
export enum RideTimeMode {
  Now = 'now',
  DepartAt = 'depart_at',
  ArriveBy = 'arrive_by',
}
