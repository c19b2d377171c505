import { EntityManager, In } from 'typeorm';
import { RideEntity } from '@app/database';
import { RideStatus } from '@app/domain';
import { PlanningTask } from './fleet-state';

/** Rides holding a place in a van plan. */
export const PLANNED_RIDE_STATUSES = [RideStatus.Assigned, RideStatus.Arrived, RideStatus.OnBoard];

export function rideTask(ride: RideEntity, window?: { from: Date; to: Date }): PlanningTask {
  return {
    id: ride.id,
    pickupPlaceId: ride.pickupPlaceId,
    dropoffPlaceId: ride.dropoffPlaceId,
    load: [ride.passengers, 0, ride.needs.includes('wheelchair') ? 1 : 0],
    features: ride.needs.includes('wheelchair') ? ['wheelchair'] : [],
    pickupWindow: window ?? { from: ride.promisedPickupFrom!, to: ride.promisedPickupTo! },
    maxRideS: ride.maxRideS,
    vehicleId: ride.vehicleId,
    pickedUpAt: ride.status === RideStatus.OnBoard ? ride.pickedUpAt : null,
    vehicleAtPickup: ride.status === RideStatus.Arrived,
  };
}

/** The rides of an area that sit in van plans, keyed by id. */
export async function loadPlannedRides(em: EntityManager, areaId: string): Promise<Map<string, RideEntity>> {
  const rows = await em.getRepository(RideEntity).findBy({ areaId, status: In(PLANNED_RIDE_STATUSES) });
  return new Map(rows.map((r) => [r.id, r]));
}
