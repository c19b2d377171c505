import type { BilingualName, WeeklyWindow } from './common';
import type { RideStatusName } from './status';

export interface RideStop {
  id: string;
  name: BilingualName;
  lat: number;
  lng: number;
}

export interface RideVehicle {
  id: string;
  label: string;
  plate: string;
}

export interface PromisedWindow {
  from: string;
  to: string;
}

export interface RideRejection {
  code: string;
  reason: string;
  alternatives: { pickupAt: string }[];
}

/** Actual times so far (ISO); null until they happen. */
export interface RideTimes {
  requestedAt: string;
  assignedAt: string | null;
  arrivedAt: string | null;
  pickedUpAt: string | null;
  droppedOffAt: string | null;
  cancelledAt: string | null;
}

/** A ride as GET /v1/rides, /v1/rides/:id and /v1/dispatch/rides answer it. */
export interface Ride {
  id: string;
  areaId: string;
  status: RideStatusName;
  /** Grows on every change; live events carry it too. */
  version: number;
  channel: 'app' | 'phone';
  pickup: RideStop;
  dropoff: RideStop;
  /** The rider's (a phone booking: the caller's) name. */
  riderName: string;
  passengers: number;
  needs: string[];
  timeMode: string;
  requestedTime: string;
  vehicle: RideVehicle | null;
  promisedPickup: PromisedWindow | null;
  etaPickupAt: string | null;
  etaDropoffAt: string | null;
  times: RideTimes;
  cancelReason: string | null;
  lateCancel: boolean;
  rejection: RideRejection | null;
}

/** GET /v1/shuttle/areas/:id/stops. */
export interface ShuttleAreaStops {
  areaId: string;
  name: BilingualName;
  timezone: string;
  serviceHours: WeeklyWindow[];
  stops: Array<{ id: string; code: string; name: BilingualName; kind: string; lat: number; lng: number }>;
}

/** POST /v1/dispatch/rides/:id/move-preview: what a move costs before the dispatcher confirms. */
export interface MovePreview {
  rideId: string;
  feasible: boolean;
  /** The engine's reason code when infeasible (the `reason` sentence is English). */
  code: string | null;
  costDelta: number | null;
  reason: string;
  fromVehicleId: string | null;
  toVehicleId: string;
  etaPickupAt: string | null;
  etaDropoffAt: string | null;
  affected: Array<{
    rideId: string;
    vehicleId: string;
    pickupEtaChangeS: number | null;
    dropoffEtaChangeS: number | null;
    etaChangeS: number;
    delayS: number;
  }>;
  /** Sent back on confirm: the move is refused (PLAN_CHANGED) if a van was re-planned since. */
  planVersions: Record<string, number>;
}

/** The driver's shift as /v1/driver/shift/* answer it. */
export interface DriverShift {
  shiftId: string;
  vehicleId: string;
  vehicleLabel: string;
  areaId: string;
  plannedEnd: string;
  online: boolean;
}

export interface ManifestStop {
  kind: 'pickup' | 'dropoff';
  placeId: string;
  placeName: BilingualName;
  lat: number;
  lng: number;
  /** Planned start of service. */
  eta: string;
  rider: {
    rideId: string;
    name: string;
    phone: string | null;
    passengers: number;
    needs: string[];
    status: RideStatusName;
    noShowAllowedAt: string | null;
  };
}

/** GET /v1/driver/manifest: the stops in driving order. */
export interface Manifest {
  vehicleId: string;
  /** Plan version: grows on every change. */
  version: number;
  stops: ManifestStop[];
}
