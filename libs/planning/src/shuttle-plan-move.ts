// The move preview's shapes and the pure reads it is computed from (no I/O).
import { computeRouteSchedule, LiveState, TransportRequest } from '@app/dispatch';

/** A rider whose times change when a ride moves (seconds; negative = earlier). */
export interface MoveAffected {
  rideId: string;
  vehicleId: string;
  pickupEtaChangeS: number | null;
  dropoffEtaChangeS: number | null;
  /** The drop-off change (the pickup change for a ride without one). */
  etaChangeS: number;
  /** How much later the rider gets there or is picked up (0 when not later). */
  delayS: number;
}

/** What moving a ride to a van would do, computed on the live plans without writing. */
export interface MovePreview {
  rideId: string;
  feasible: boolean;
  /** The engine's rejection code when infeasible. */
  code: string | null;
  /** Added cost on the target van minus the cost the ride adds to its present van (engine units: s + weighted rider delay). */
  costDelta: number | null;
  reason: string;
  fromVehicleId: string | null;
  toVehicleId: string;
  etaPickupAt: string | null;
  etaDropoffAt: string | null;
  affected: MoveAffected[];
  /** Versions of the plans the preview was computed on. */
  planVersions: Record<string, number>;
}

export interface PlannedMove {
  preview: MovePreview;
  commit?: (actor: { userId: string; name: string }) => Promise<void>;
}

/** The live state of one van alone (its route and the requests on it), to insert into it only. */
export function onlyVehicle(state: LiveState, vehicleId: string): LiveState {
  const route = state.routes[vehicleId] ?? [];
  const ids = new Set(route.map((s) => s.requestId));
  return {
    vehicles: state.vehicles.filter((v) => v.id === vehicleId),
    requests: state.requests.filter((r: TransportRequest) => ids.has(r.id)),
    routes: { [vehicleId]: route },
    travel: state.travel,
  };
}

/** Planned service start (engine seconds) of each ride's pickup and drop-off on a van. */
export function etasOf(
  state: LiveState,
  vehicleId: string,
): Map<string, { pickup: number | null; dropoff: number | null }> {
  const out = new Map<string, { pickup: number | null; dropoff: number | null }>();
  if (!state.vehicles.some((v) => v.id === vehicleId)) return out;
  const scheduled = computeRouteSchedule(state, vehicleId, state.routes[vehicleId] ?? []);
  if (!scheduled.feasible) return out;
  for (const s of scheduled.route.stops) {
    const e = out.get(s.requestId) ?? { pickup: null, dropoff: null };
    if (s.kind === 'pickup') e.pickup = s.serviceStart;
    else e.dropoff = s.serviceStart;
    out.set(s.requestId, e);
  }
  return out;
}
