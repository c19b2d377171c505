import { EntityManager } from 'typeorm';
import { VehiclePlanEntity } from '@app/database';
import { savePlan } from './fleet-state';

/**
 * Takes a ride's stops out of its van's plan (served, cancelled, no-show) inside the caller's
 * transaction, which must hold the area's planning lock. The version grows, so anyone holding
 * the old plan knows it is stale; the dispatcher then re-times the van. A stale version is a
 * 409 PLAN_CHANGED (libs/planning's version-checked save).
 */
export async function removeRideStops(
  em: EntityManager,
  vehicleId: string,
  rideId: string,
  kinds: ReadonlyArray<'pickup' | 'dropoff'>,
): Promise<VehiclePlanEntity | null> {
  const plan = await em.getRepository(VehiclePlanEntity).findOneBy({ vehicleId });
  if (!plan) return null;
  const stops = plan.stops.filter((s) => !(s.taskId === rideId && kinds.includes(s.kind)));
  if (stops.length === plan.stops.length) return plan;
  plan.version = await savePlan(em, plan.areaId, vehicleId, plan.version, stops);
  plan.stops = stops;
  return plan;
}

/** Whether the van is driving to this ride's pickup right now (its first planned stop). */
export async function isNextStopPickupOf(em: EntityManager, vehicleId: string, rideId: string): Promise<boolean> {
  const plan = await em.getRepository(VehiclePlanEntity).findOneBy({ vehicleId });
  const first = plan?.stops[0];
  return !!first && first.taskId === rideId && first.kind === 'pickup';
}
