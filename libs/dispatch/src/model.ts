/**
 * The routing engine's public model. Plain objects only: the engine never does I/O, so the
 * caller maps its entities into these shapes and the results back.
 *
 * Units: every time is in the same unit as the travel-time matrix (seconds in live use,
 * minutes in the academic benchmarks); distances are in the unit of the distance matrix.
 * Locations are indexes into the matrices.
 */

/** Load carried by a request, one number per dimension (e.g. [seats, bags, wheelchairs]). */
export type Load = readonly number[];

export interface TimeWindow {
  /** Earliest start of service. Arriving earlier means waiting. */
  readonly earliest: number;
  /** Latest start of service (a hard promise). */
  readonly latest: number;
}

export interface StopSpec {
  readonly location: number;
  readonly window: TimeWindow;
  readonly serviceTime: number;
}

export interface TransportRequest {
  readonly id: string;
  readonly pickup: StopSpec;
  readonly dropoff: StopSpec;
  readonly load: Load;
  /** Upper bound on (start of service at drop-off) − (end of service at pickup). */
  readonly maxRideTime?: number;
  /** Every feature listed must be offered by the vehicle (e.g. 'wheelchair'). */
  readonly requiredFeatures?: readonly string[];
}

/** A rider already in the vehicle: only the drop-off remains, and it must stay on this vehicle. */
export interface OnBoardRider {
  readonly request: TransportRequest;
  /** End of service at the pickup that already happened; the ride-time limit counts from here. */
  readonly pickupEndedAt: number;
}

export type StopKind = 'pickup' | 'dropoff';

export interface StopRef {
  readonly requestId: string;
  readonly kind: StopKind;
}

export interface Vehicle {
  readonly id: string;
  readonly capacity: Load;
  readonly features?: readonly string[];
  /** Where the vehicle is (or its depot) and the window in which it can leave from there. */
  readonly start: { readonly location: number; readonly earliest: number; readonly latest?: number };
  /** Where it must finish, and by when (end of shift / depot deadline). */
  readonly end: { readonly location: number; readonly latest: number; readonly earliest?: number };
  /** Upper bound on (arrival at end) − (departure from start). */
  readonly maxRouteDuration?: number;
  readonly onBoard?: readonly OnBoardRider[];
  /**
   * The stop the vehicle is already driving to: it stays first in the route. A pickup here
   * locks its request to this vehicle; a drop-off must belong to an on-board rider.
   */
  readonly committedNextStop?: StopRef;
}

/**
 * Dense travel matrices over locations, row-major: entry (i, j) is at i * size + j.
 * Time and distance may differ (e.g. road network time vs metres).
 */
export interface TravelMatrix {
  readonly size: number;
  readonly time: Float64Array;
  readonly distance: Float64Array;
}

export type Objective =
  /** DARP: total distance; vehicles bounded only by their number. */
  | { readonly kind: 'distance' }
  /** PDPTW: fewest vehicles first, then total distance. */
  | { readonly kind: 'vehicles-then-distance' }
  /**
   * Live service: added vehicle driving time plus riderDelayWeight × rider delay, where a
   * rider's delay is the drop-off time minus the earliest possible drop-off of a direct ride.
   * Every request left unserved costs unservedPenalty.
   */
  | { readonly kind: 'service'; readonly riderDelayWeight: number; readonly unservedPenalty: number };

export interface RoutingProblem {
  readonly requests: readonly TransportRequest[];
  readonly vehicles: readonly Vehicle[];
  readonly travel: TravelMatrix;
  readonly objective: Objective;
}

export interface PlannedStop extends StopRef {
  readonly location: number;
  readonly arrival: number;
  /** Start of service: what the windows and ride-time limits constrain. */
  readonly serviceStart: number;
  readonly departure: number;
  /** Load on board after this stop, one number per dimension. */
  readonly loadAfter: readonly number[];
}

export interface RoutePlan {
  readonly vehicleId: string;
  /** Departure from the start location. */
  readonly startTime: number;
  readonly stops: readonly PlannedStop[];
  /** Arrival (start of service) at the end location. */
  readonly endTime: number;
  readonly distance: number;
  /** Sum of travel times driven. */
  readonly driveTime: number;
}

export interface RoutingSolution {
  /** One route per vehicle, in the order of problem.vehicles; unused vehicles have no stops. */
  readonly routes: readonly RoutePlan[];
  readonly unassigned: readonly string[];
  readonly vehiclesUsed: number;
  readonly distance: number;
  /** Value of the problem's objective (unserved penalties included). */
  readonly cost: number;
  /** ALNS iterations run (diagnostics). */
  readonly searchIterations?: number;
}

/** Why a request could not be inserted. Stable codes for the API layer. */
export type RejectionCode =
  | 'ACCESSIBILITY'
  | 'NO_VEHICLE_CAPACITY'
  | 'PICKUP_WINDOW'
  | 'DROPOFF_WINDOW'
  | 'RIDE_TIME'
  | 'SHIFT_END'
  | 'OTHER_RIDERS_PROMISES'
  | 'NO_VEHICLE';
