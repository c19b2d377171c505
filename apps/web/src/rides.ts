import type { MessageKey } from './messages';

/** A ride as the API answers it (GET /v1/rides, /v1/dispatch/rides): the fields the pages read. */
export interface Ride {
  id: string;
  areaId: string;
  status: string;
  version: number;
  channel: string;
  pickup: { id: string; name: { ko: string; en: string }; lat: number; lng: number };
  dropoff: { id: string; name: { ko: string; en: string }; lat: number; lng: number };
  /** The rider's (or phone caller's) name. */
  riderName: string;
  passengers: number;
  requestedTime: string;
  /** now, depart_at (requestedTime is the pickup) or arrive_by (requestedTime is the drop-off). */
  timeMode?: string;
  vehicle: { id: string; label: string; plate: string } | null;
  promisedPickup: { from: string; to: string } | null;
  etaPickupAt: string | null;
  etaDropoffAt: string | null;
  times: { requestedAt: string; pickedUpAt: string | null; droppedOffAt: string | null };
  rejection: { code: string; reason: string; alternatives: { pickupAt: string }[] } | null;
}

/** The gateway's `ride.status` event (libs/realtime/src/server-events.ts). */
export interface RideStatusEvent {
  version: number;
  rideId: string;
  areaId: string;
  status: string;
  times: { requestedAt: string; arrivedAt: string | null; pickedUpAt: string | null; droppedOffAt: string | null; cancelledAt: string | null };
  vehicle: Ride['vehicle'];
  promisedPickup: Ride['promisedPickup'];
  eta: { pickupAt: string | null; dropoffAt: string | null };
  rejection: Ride['rejection'];
}

export function rideStatusKey(status: string): MessageKey {
  const known = ['scheduled', 'requested', 'assigned', 'arrived', 'on_board', 'completed', 'cancelled', 'rejected', 'no_show'];
  return (known.includes(status) ? `ride.status.${status}` : 'ride.status.unknown') as MessageKey;
}
