import type {
  LuggageBookingView,
  LuggageStatusEvent,
  LuggageStatusName,
  Ride,
  RideStatusEvent,
  RideStatusName,
} from '@app/contract';
import type { MessageKey } from './messages';

/** Rides not yet finished: the ones a rider follows and a board lists. */
export const OPEN_RIDE: ReadonlySet<RideStatusName> = new Set([
  'scheduled',
  'requested',
  'assigned',
  'arrived',
  'on_board',
]);
/** Bookings not yet finished. */
export const OPEN_BOOKING: ReadonlySet<LuggageStatusName> = new Set([
  'booked',
  'assigned',
  'courier_en_route',
  'picked_up',
  'in_transit',
]);

/**
 * A ride after its `ride.status` event: the event carries everything that changes with the
 * status; the ride's stops, rider and request stay as read. The one place the pages apply it.
 */
export function applyRideStatus(ride: Ride, e: RideStatusEvent): Ride {
  return {
    ...ride,
    status: e.status,
    version: e.version,
    vehicle: e.vehicle,
    promisedPickup: e.promisedPickup,
    etaPickupAt: e.eta.pickupAt,
    etaDropoffAt: e.eta.dropoffAt,
    rejection: e.rejection,
    times: {
      ...ride.times,
      arrivedAt: e.times.arrivedAt,
      pickedUpAt: e.times.pickedUpAt,
      droppedOffAt: e.times.droppedOffAt,
      cancelledAt: e.times.cancelledAt,
    },
  };
}

/**
 * A booking after its `luggage.status` event. The event has no places: those stay as read. It does
 * say who carries the booking now: the planner assigns and moves bookings, and without these an
 * assigned booking stayed listed as unassigned.
 */
export function applyLuggageStatus(booking: LuggageBookingView, e: LuggageStatusEvent): LuggageBookingView {
  return {
    ...booking,
    status: e.status,
    version: e.version,
    atRisk: e.atRisk,
    atRiskCode: e.atRiskCode,
    handoverLocked: e.handoverLocked,
    vehicleId: e.vehicleId,
    courierStaffId: e.courierStaffId,
  };
}

const RIDE_STATUSES: readonly string[] = [
  'scheduled',
  'requested',
  'assigned',
  'arrived',
  'on_board',
  'completed',
  'cancelled',
  'rejected',
  'no_show',
] satisfies RideStatusName[];
/** Custody steps the tracking page names besides the statuses. */
const LUGGAGE_STEPS: readonly string[] = [
  'booked',
  'assigned',
  'courier_en_route',
  'picked_up',
  'in_transit',
  'delivered',
  'failed',
  'cancelled',
  'delivery_failed',
  'traveller_absent',
];

/** The message of a ride status; a word this page does not know yet reads as "unknown". */
export function rideStatusKey(status: string): MessageKey {
  return (RIDE_STATUSES.includes(status) ? `ride.status.${status}` : 'ride.status.unknown') as MessageKey;
}

/** The message of a booking status or custody step. */
export function luggageStatusKey(status: string): MessageKey {
  return (LUGGAGE_STEPS.includes(status) ? `luggage.status.${status}` : 'luggage.status.unknown') as MessageKey;
}
