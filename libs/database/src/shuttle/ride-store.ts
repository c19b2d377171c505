import { EntityManager } from 'typeorm';
import { assertRideTransition, RideStatus } from '@app/domain';
import { RideEntity } from '../entities/ride.entity';
import { RideEventEntity } from '../entities/ride-event.entity';

/**
 * Moves a ride to a new status inside the caller's transaction: checks the state machine,
 * applies the patch, bumps the version and appends the history row with the actual time.
 */
export async function transitionRide(
  em: EntityManager,
  ride: RideEntity,
  to: RideStatus,
  change: { at: Date; actor: string; note?: string | null; patch?: Partial<RideEntity> },
): Promise<RideEntity> {
  assertRideTransition(ride.status, to);
  Object.assign(ride, change.patch ?? {});
  ride.status = to;
  ride.version += 1;
  await em.getRepository(RideEntity).save(ride);
  await em.getRepository(RideEventEntity).insert({
    rideId: ride.id,
    status: to,
    version: ride.version,
    occurredAt: change.at,
    actor: change.actor.slice(0, 60),
    note: change.note?.slice(0, 300) ?? null,
  });
  return ride;
}

/** A change that is not a status change (new ETAs): version bump only, no history row. */
export async function touchRide(em: EntityManager, ride: RideEntity, patch: Partial<RideEntity>): Promise<RideEntity> {
  Object.assign(ride, patch);
  ride.version += 1;
  return em.getRepository(RideEntity).save(ride);
}
