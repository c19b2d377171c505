import type { PromisedWindow, RideRejection, RideVehicle } from './shuttle';
import type { LuggageStatusName, RideStatusName, Role } from './status';

/**
 * Typed server → client events. Every payload carries a `version` so a client can drop a
 * stale or repeated event after a reconnect (it has already applied that version).
 */
export interface VersionedEvent {
  version: number;
}

/** A ride's state as riders and dispatchers see it live (shuttle). */
export interface RideStatusEvent extends VersionedEvent {
  rideId: string;
  areaId: string;
  status: RideStatusName;
  /** Actual times so far (ISO), null until they happen. */
  times: {
    requestedAt: string;
    arrivedAt: string | null;
    pickedUpAt: string | null;
    droppedOffAt: string | null;
    cancelledAt: string | null;
  };
  vehicle: RideVehicle | null;
  promisedPickup: PromisedWindow | null;
  eta: { pickupAt: string | null; dropoffAt: string | null };
  rejection: RideRejection | null;
}

export interface VehiclePositionEvent extends VersionedEvent {
  vehicleId: string;
  lat: number;
  lng: number;
  heading: number | null;
  speed: number | null;
  at: string;
  /** Seconds to the next planned stop, when there is one. */
  etaToNextStopS: number | null;
}

/** The driver's manifest after a change (plan version = event version). */
export interface ManifestUpdatedEvent extends VersionedEvent {
  vehicleId: string;
  stops: Array<{
    rideId: string;
    kind: 'pickup' | 'dropoff';
    placeId: string;
    eta: string;
    passengers: number;
    riderName: string;
    /** From when the driver may mark a no-show (after arriving at a pickup), else null. */
    noShowAllowedAt: string | null;
  }>;
}

/** For dispatch boards: what the dispatcher decided and why. */
export interface DispatchDecisionEvent extends VersionedEvent {
  rideId: string;
  areaId: string;
  outcome: string;
  vehicleId: string | null;
  code: string | null;
  reason: string;
}

/** A luggage booking's status, for its tracking link and the dispatch board (no personal data). */
export interface LuggageStatusEvent extends VersionedEvent {
  bookingId: string;
  reference: string;
  status: LuggageStatusName;
  at: string;
  /** Planned pickup (before it) or delivery (after it); null when unplanned. */
  etaAt: string | null;
  deadlineAt: string;
  atRisk: boolean;
  /**
   * The stable code of the risk (SHIFT_END, NO_VEHICLE…; null when not at risk): a board open
   * when the booking is flagged says it in its language without a reload.
   */
  atRiskCode: string | null;
  /**
   * Who carries it now (null while unplanned): the planner hands a booking from van to van, and a
   * board that knew it unplanned must not keep listing it as such.
   */
  vehicleId: string | null;
  courierStaffId: string | null;
  /** Five wrong PINs locked the handover: the board offers to release it. */
  handoverLocked: boolean;
}

/** The courier's position, only to the tracking rooms of bookings they head to or carry. */
export interface LuggagePositionEvent extends VersionedEvent {
  bookingId: string;
  lat: number;
  lng: number;
  at: string;
  etaAt: string | null;
}

/** No plan meets this booking's deadline: dispatchers act now; the traveller is told. */
export interface LuggageAtRiskEvent extends VersionedEvent {
  bookingId: string;
  reference: string;
  areaId: string;
  code: string;
  reason: string;
  deadlineAt: string;
}

export interface ServerEvents {
  'luggage.status': LuggageStatusEvent;
  'luggage.position': LuggagePositionEvent;
  'luggage.at_risk': LuggageAtRiskEvent;
  'ride.status': RideStatusEvent;
  'vehicle.position': VehiclePositionEvent;
  'manifest.updated': ManifestUpdatedEvent;
  'dispatch.decision': DispatchDecisionEvent;
  'pipeline.checked': VersionedEvent & {
    checkId: string;
    requestedAt: string;
    processedAt: string;
    processedBy: string;
  };
  /** Sent once per connection so a client knows which rooms it was given. */
  'session.ready': { userId: string; role: Role | 'tracking'; rooms: string[] };
}

export type ServerEventName = keyof ServerEvents;
