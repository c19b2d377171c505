import { Rooms } from './rooms';
import type { RideStatusEvent, RideStatusName } from '@app/contract';

/** The fields of a ride the live payload needs (structural: realtime does not import entities). */
export interface RideLike {
  id: string;
  areaId: string;
  riderUserId: string;
  status: RideStatusName;
  version: number;
  createdAt: Date;
  arrivedAt: Date | null;
  pickedUpAt: Date | null;
  droppedOffAt: Date | null;
  cancelledAt: Date | null;
  promisedPickupFrom: Date | null;
  promisedPickupTo: Date | null;
  etaPickupAt: Date | null;
  etaDropoffAt: Date | null;
  rejectionCode: string | null;
  rejectionReason: string | null;
  alternatives: { pickupAt: string }[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function rideStatusPayload(
  ride: RideLike,
  vehicle: { id: string; label: string; plate: string } | null,
): RideStatusEvent {
  return {
    version: ride.version,
    rideId: ride.id,
    areaId: ride.areaId,
    status: ride.status,
    times: {
      requestedAt: ride.createdAt.toISOString(),
      arrivedAt: iso(ride.arrivedAt),
      pickedUpAt: iso(ride.pickedUpAt),
      droppedOffAt: iso(ride.droppedOffAt),
      cancelledAt: iso(ride.cancelledAt),
    },
    vehicle,
    promisedPickup:
      ride.promisedPickupFrom && ride.promisedPickupTo
        ? { from: ride.promisedPickupFrom.toISOString(), to: ride.promisedPickupTo.toISOString() }
        : null,
    eta: { pickupAt: iso(ride.etaPickupAt), dropoffAt: iso(ride.etaDropoffAt) },
    rejection: ride.rejectionCode
      ? {
          code: ride.rejectionCode,
          reason: ride.rejectionReason ?? '',
          alternatives: ride.alternatives.map((a) => ({ pickupAt: a.pickupAt })),
        }
      : null,
  };
}

/** The rider, and the dispatch boards of the area. */
export const rideRooms = (ride: Pick<RideLike, 'riderUserId' | 'areaId'>): string[] => [
  Rooms.user(ride.riderUserId),
  Rooms.area(ride.areaId),
  Rooms.admins(),
];
