// The planner's writes: each runs inside the caller's transaction, after it took the area's planning lock.
import { EntityManager, In } from 'typeorm';
import { NotificationRecorder } from '@app/notifications';
import { computeRouteSchedule, LiveState } from '@app/dispatch';
import {
  DispatchDecisionEntity,
  RideAlternative,
  RideEntity,
  touchRide,
  transitionRide,
  UserEntity,
} from '@app/database';
import { RideStatus } from '@app/domain';
import { FleetSnapshot, savePlan } from './fleet-state';
import { Announcements, VehicleRef } from './shuttle-notifier';
import { rideAssignedNotifications } from './ride-notifications';

const DISPATCHER_ACTOR = 'dispatcher';

/**
 * Writes the new plans of the given vans (times from the engine's schedule), moves newly
 * placed rides to `assigned`, refreshes everyone's ETAs and queues the announcements.
 */
export async function persistVehicles(
  em: EntityManager,
  notifications: NotificationRecorder,
  snapshot: FleetSnapshot,
  state: LiveState,
  vehicleIds: string[],
  planned: Map<string, RideEntity>,
  news: Announcements,
  placed: Record<string, { ride: RideEntity; patch: Partial<RideEntity>; note: string }>,
  actor: string = DISPATCHER_ACTOR,
): Promise<void> {
  const allRides = new Map(planned);
  for (const p of Object.values(placed)) allRides.set(p.ride.id, p.ride);
  const riderIds = [...new Set([...allRides.values()].map((r) => r.riderUserId))];
  const riders = riderIds.length ? await em.getRepository(UserEntity).findBy({ id: In(riderIds) }) : [];
  const nameOf = new Map(riders.map((u) => [u.id, u.displayName]));
  for (const vehicleId of vehicleIds) {
    const vehicle = snapshot.vehicle(vehicleId)!;
    const ref: VehicleRef = { id: vehicle.id, label: vehicle.label, plate: vehicle.plate };
    const scheduled = computeRouteSchedule(state, vehicleId, state.routes[vehicleId] ?? []);
    if (!scheduled.feasible)
      throw new Error(`plan of ${vehicle.label} is infeasible after planning (${scheduled.code})`);
    const records = snapshot.records(scheduled.route);
    const version = await savePlan(em, snapshot.areaId, vehicleId, vehicle.planVersion, records);
    vehicle.planVersion = version;
    const onVan = new Map<string, { pickup: Date | null; dropoff: Date | null }>();
    for (const rec of records) {
      const entry = onVan.get(rec.taskId) ?? { pickup: null, dropoff: null };
      entry[rec.kind === 'pickup' ? 'pickup' : 'dropoff'] = new Date(rec.serviceStart);
      onVan.set(rec.taskId, entry);
    }
    for (const [rideId, eta] of onVan) {
      const ride = allRides.get(rideId);
      if (!ride) continue;
      const etaPatch: Partial<RideEntity> = {
        etaDropoffAt: eta.dropoff,
        ...(eta.pickup ? { etaPickupAt: eta.pickup } : {}),
      };
      const placement = placed[ride.id];
      if (placement) {
        await transitionRide(em, ride, RideStatus.Assigned, {
          at: snapshot.now,
          actor,
          note: placement.note,
          patch: { ...placement.patch, ...etaPatch },
        });
        news.ride(ride, ref);
        const rider = riders.find((u) => u.id === ride.riderUserId);
        if (rider) await notifications.record(em, await rideAssignedNotifications(em, ride, rider, ref));
        continue;
      }
      const same = (a: Date | null, b: Date | null) => Math.abs((a?.getTime() ?? 0) - (b?.getTime() ?? 0)) < 1000;
      if (!same(ride.etaDropoffAt, eta.dropoff) || (eta.pickup && !same(ride.etaPickupAt, eta.pickup))) {
        await touchRide(em, ride, etaPatch);
        news.ride(ride, ref);
      }
    }
    const manifestRides = new Map(
      [...allRides.values()].map((r) => [
        r.id,
        {
          passengers: r.passengers,
          name: nameOf.get(r.riderUserId) ?? '',
          noShowAllowedAt: r.status === RideStatus.Arrived ? r.noShowAllowedAt : null,
        },
      ]),
    );
    news.manifest(vehicle.driverUserId, snapshot.areaId, vehicleId, version, records, manifestRides);
  }
}

export async function recordDecision(
  em: EntityManager,
  news: Announcements,
  row: Omit<DispatchDecisionEntity, 'id' | 'createdAt'>,
): Promise<void> {
  const saved = await em.getRepository(DispatchDecisionEntity).save({ ...row, reason: row.reason.slice(0, 500) });
  news.decision(saved);
}

/** The one rejection path: the ride leaves any van, its rider and the board are told, a decision row says why. */
export async function rejectRide(
  em: EntityManager,
  news: Announcements,
  ride: RideEntity,
  r: { at: Date; code: string; reason: string; note: string; alternatives: RideAlternative[] },
): Promise<void> {
  await transitionRide(em, ride, RideStatus.Rejected, {
    at: r.at,
    actor: DISPATCHER_ACTOR,
    note: r.note,
    patch: {
      rejectionCode: r.code,
      rejectionReason: r.reason,
      alternatives: r.alternatives,
      vehicleId: null,
      driverUserId: null,
      etaPickupAt: null,
      etaDropoffAt: null,
    },
  });
  news.ride(ride, null);
  await recordDecision(em, news, {
    rideId: ride.id,
    areaId: ride.areaId,
    outcome: 'rejected',
    vehicleId: null,
    code: r.code,
    reason: r.note,
    costDelta: null,
  });
}
