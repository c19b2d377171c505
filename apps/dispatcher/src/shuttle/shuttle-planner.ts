import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { computeRouteSchedule, insertRequest, LiveState, reoptimize, TravelTimeProvider } from '@app/dispatch';
import {
  DispatchDecisionEntity,
  lockAreaPlanning,
  PlannedStopRecord,
  RideAlternative,
  RideEntity,
  ServiceAreaEntity,
  touchRide,
  transitionRide,
  UserEntity,
} from '@app/database';
import {
  Clock,
  isWithinServiceHours,
  maxRideSeconds,
  pickupWindowFor,
  resolveShuttleSettings,
  RideRejectionCode,
  RideStatus,
  RideTimeMode,
  ShuttleSettings,
} from '@app/domain';
import { FleetSnapshot, loadFleetSnapshot, PlanningTask, savePlan } from '../planning/fleet-state';
import { TRAVEL_TIME_PROVIDER } from '../planning/travel-time.factory';
import { loadPlannedRides, rideTask } from './ride-tasks';
import { Announcements, ShuttleNotifier, VehicleRef } from './shuttle-notifier';

const DISPATCHER_ACTOR = 'dispatcher';
/** Alternatives are searched this far apart, up to this many steps later than asked. */
const ALTERNATIVE_STEP_MIN = 10;
const ALTERNATIVE_STEPS = 12;
/** Search budget of a re-plan after a cancellation (runs under the area lock). */
const REOPTIMIZE_BUDGET_MS = 150;

interface AreaContext {
  area: ServiceAreaEntity;
  settings: ShuttleSettings;
  now: Date;
}

/**
 * Shuttle planning over the shared fleet seam: every method runs in one transaction that first
 * takes the area's planning lock, so decisions of one area are serialised.
 */
@Injectable()
export class ShuttlePlanner {
  private readonly logger = new Logger(ShuttlePlanner.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifier: ShuttleNotifier,
    private readonly clock: Clock,
    @Inject(TRAVEL_TIME_PROVIDER) private readonly travel: TravelTimeProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Places a requested ride on the van where it adds least cost, or rejects it with alternatives. */
  async assign(rideId: string): Promise<void> {
    const news = this.notifier.begin();
    await this.dataSource.transaction(async (em) => {
      const peek = await em.getRepository(RideEntity).findOneBy({ id: rideId });
      if (!peek || peek.status !== RideStatus.Requested) return; // retried job or cancelled meanwhile
      const ctx = await this.areaContext(em, peek.areaId);
      await lockAreaPlanning(em, peek.areaId);
      const ride = await em.getRepository(RideEntity).findOneByOrFail({ id: rideId });
      if (ride.status !== RideStatus.Requested) return;
      const planned = await loadPlannedRides(em, ride.areaId);
      const snapshot = await this.snapshot(em, ctx, planned, [ride.pickupPlaceId, ride.dropoffPlaceId]);
      const directS = snapshot.travelSeconds(ride.pickupPlaceId, ride.dropoffPlaceId);
      const maxRideS = maxRideSeconds(directS, ctx.settings);
      // The promise runs from the requested time (request time + max wait), not from when the
      // dispatcher got to it; the van cannot come before now, though.
      const window = pickupWindowFor({ mode: ride.timeMode, at: ride.requestedTime }, directS, ctx.settings);
      if (window.earliest < ctx.now) window.earliest = ctx.now;
      const task: PlanningTask = { ...rideTask(ride, { from: window.earliest, to: window.latest }), maxRideS, vehicleId: null, pickedUpAt: null };
      if (ride.timeMode === RideTimeMode.ArriveBy) task.dropoffWindow = { from: new Date(0), to: ride.requestedTime };
      snapshot.tasks.set(ride.id, task);
      const outcome =
        window.latest < ctx.now
          ? ({ accepted: false, code: 'PICKUP_WINDOW', reason: 'the requested arrival can no longer be reached' } as const)
          : insertRequest(snapshot.state, snapshot.request(task), { riderDelayWeight: ctx.settings.riderDelayWeight });
      if (outcome.accepted) {
        const vehicle = snapshot.vehicle(outcome.vehicleId)!;
        const reason = outcome.reason.replace(outcome.vehicleId, vehicle.label);
        ride.maxRideS = maxRideS;
        await this.persistVehicles(em, snapshot, outcome.state, [vehicle.id], planned, news, {
          [ride.id]: { ride, patch: { promisedPickupFrom: window.earliest, promisedPickupTo: window.latest, maxRideS, vehicleId: vehicle.id, driverUserId: vehicle.driverUserId }, note: reason },
        });
        await this.decide(em, news, { rideId: ride.id, areaId: ride.areaId, outcome: 'assigned', vehicleId: vehicle.id, code: null, reason, costDelta: outcome.costDelta });
      } else {
        const alternatives = this.alternatives(snapshot, task, ctx);
        const reason = `rejected: ${outcome.reason}`;
        await transitionRide(em, ride, RideStatus.Rejected, {
          at: ctx.now,
          actor: DISPATCHER_ACTOR,
          note: reason,
          patch: { rejectionCode: outcome.code, rejectionReason: outcome.reason, alternatives },
        });
        news.ride(ride, null);
        await this.decide(em, news, { rideId: ride.id, areaId: ride.areaId, outcome: 'rejected', vehicleId: null, code: outcome.code, reason, costDelta: null });
      }
    });
    news.flush();
  }

  /**
   * Re-times the given vans from where they are now (after a driver event, cancel, no-show).
   * With `reoptimize`, a freed slot is also put to use: a short search may reorder stops or
   * move riders not yet picked up between vans, kept only if every request stays served and
   * the plan gets cheaper (promises are hard windows in the search, so none is broken).
   */
  async retime(areaId: string, vehicleIds: string[], options: { reoptimize?: boolean } = {}): Promise<void> {
    const news = this.notifier.begin();
    await this.dataSource.transaction(async (em) => {
      const ctx = await this.areaContext(em, areaId);
      await lockAreaPlanning(em, areaId);
      const planned = await loadPlannedRides(em, areaId);
      const snapshot = await this.snapshot(em, ctx, planned, []);
      const touched = new Set(vehicleIds.filter((id) => snapshot.vehicle(id)));
      let state = snapshot.state;
      const moved: Record<string, { ride: RideEntity; patch: Partial<RideEntity>; note: string }> = {};
      if (options.reoptimize && snapshot.state.requests.length > 0) {
        const result = reoptimize(snapshot.state, { timeBudgetMs: REOPTIMIZE_BUDGET_MS, seed: 1, riderDelayWeight: ctx.settings.riderDelayWeight });
        if (result.solution.unassigned.length === 0 && result.solution.cost < result.costBefore - 1) {
          state = result.state;
          for (const v of snapshot.vehicles) {
            const before = JSON.stringify(snapshot.state.routes[v.id] ?? []);
            if (JSON.stringify(state.routes[v.id] ?? []) !== before) touched.add(v.id);
            for (const stop of state.routes[v.id] ?? []) {
              const ride = planned.get(stop.requestId);
              if (stop.kind !== 'pickup' || !ride || ride.vehicleId === v.id) continue;
              const note = `re-planned onto ${v.label} after a freed seat (plan cost ${Math.round(result.costBefore)} → ${Math.round(result.solution.cost)})`;
              moved[ride.id] = { ride, patch: { vehicleId: v.id, driverUserId: v.driverUserId }, note };
              await this.decide(em, news, { rideId: ride.id, areaId, outcome: 'replanned', vehicleId: v.id, code: null, reason: note, costDelta: result.solution.cost - result.costBefore });
            }
          }
        }
      }
      await this.persistVehicles(em, snapshot, state, [...touched], planned, news, moved);
    });
    news.flush();
  }

  /**
   * A van stops taking work: riders it has not picked up yet move to other vans (keeping their
   * promised window) or are rejected with a reason and alternatives; riders on board stay.
   */
  async releaseVehicle(vehicleId: string, areaId: string, why: string): Promise<void> {
    const news = this.notifier.begin();
    await this.dataSource.transaction(async (em) => {
      const ctx = await this.areaContext(em, areaId);
      await lockAreaPlanning(em, areaId);
      const planned = await loadPlannedRides(em, areaId);
      const moving = [...planned.values()].filter((r) => r.vehicleId === vehicleId && r.status !== RideStatus.OnBoard);
      for (const r of moving) planned.delete(r.id);
      // The van keeps only the drop-offs of riders still on board.
      const plan = await em.query<{ version: number; stops: PlannedStopRecord[] }[]>('SELECT version, stops FROM vehicle_plans WHERE vehicle_id = $1', [vehicleId]);
      if (plan.length) {
        const keep = plan[0].stops.filter((s) => planned.has(s.taskId));
        await savePlan(em, areaId, vehicleId, plan[0].version, keep);
      }
      const snapshot = await this.snapshot(em, ctx, planned, moving.flatMap((r) => [r.pickupPlaceId, r.dropoffPlaceId]), [vehicleId]);
      let state: LiveState = snapshot.state;
      const touched = new Set<string>();
      const updates: Record<string, { ride: RideEntity; patch: Partial<RideEntity>; note: string }> = {};
      for (const ride of moving.sort((a, b) => a.promisedPickupTo!.getTime() - b.promisedPickupTo!.getTime())) {
        const from = new Date(Math.max(ride.promisedPickupFrom!.getTime(), ctx.now.getTime()));
        const to = new Date(Math.max(ride.promisedPickupTo!.getTime(), ctx.now.getTime() + ctx.settings.maxWaitMin * 60_000));
        const task: PlanningTask = { ...rideTask(ride, { from, to }), vehicleId: null, pickedUpAt: null };
        snapshot.tasks.set(ride.id, task);
        const outcome = insertRequest(state, snapshot.request(task), { riderDelayWeight: ctx.settings.riderDelayWeight });
        if (outcome.accepted) {
          state = outcome.state;
          touched.add(outcome.vehicleId);
          const vehicle = snapshot.vehicle(outcome.vehicleId)!;
          const reason = `moved from an unavailable van (${why}) to ${vehicle.label}: ${outcome.reason.replace(outcome.vehicleId, vehicle.label)}`;
          updates[ride.id] = { ride, patch: { vehicleId: vehicle.id, driverUserId: vehicle.driverUserId, promisedPickupFrom: from, promisedPickupTo: to }, note: reason };
          await this.decide(em, news, { rideId: ride.id, areaId, outcome: 'reassigned', vehicleId: vehicle.id, code: null, reason, costDelta: outcome.costDelta });
        } else {
          const code: RideRejectionCode = 'VEHICLE_UNAVAILABLE';
          const reason = `the van became unavailable (${why}) and no other van can take the ride: ${outcome.reason}`;
          const alternatives = this.alternatives(snapshot, task, ctx, state);
          snapshot.tasks.delete(ride.id);
          await transitionRide(em, ride, RideStatus.Rejected, {
            at: ctx.now,
            actor: DISPATCHER_ACTOR,
            note: reason,
            patch: { rejectionCode: code, rejectionReason: reason, alternatives, vehicleId: null, driverUserId: null, etaPickupAt: null, etaDropoffAt: null },
          });
          news.ride(ride, null);
          await this.decide(em, news, { rideId: ride.id, areaId, outcome: 'rejected', vehicleId: null, code, reason, costDelta: null });
        }
      }
      await this.persistVehicles(em, snapshot, state, [...touched], planned, news, updates);
      this.logger.log(`vehicle ${vehicleId} released (${why}): ${moving.length} rides re-planned`);
    });
    news.flush();
  }

  private async areaContext(em: EntityManager, areaId: string): Promise<AreaContext> {
    const area = await em.getRepository(ServiceAreaEntity).findOneByOrFail({ id: areaId });
    return { area, settings: resolveShuttleSettings(area.settings, this.config.shuttle), now: this.clock.now() };
  }

  private snapshot(em: EntityManager, ctx: AreaContext, planned: Map<string, RideEntity>, extraPlaceIds: string[], excludeVehicleIds: string[] = []): Promise<FleetSnapshot> {
    return loadFleetSnapshot(em, {
      areaId: ctx.area.id,
      noShowAfterMin: ctx.settings.noShowAfterMin,
      now: ctx.now,
      serviceTimeS: ctx.settings.dwellS,
      provider: this.travel,
      tasks: [...planned.values()].map((r) => rideTask(r)),
      extraPlaceIds,
      excludeVehicleIds,
    });
  }

  /**
   * Writes the new plans of the given vans (times from the engine's schedule), moves newly
   * placed rides to `assigned`, refreshes everyone's ETAs and queues the announcements.
   */
  private async persistVehicles(
    em: EntityManager,
    snapshot: FleetSnapshot,
    state: LiveState,
    vehicleIds: string[],
    planned: Map<string, RideEntity>,
    news: Announcements,
    placed: Record<string, { ride: RideEntity; patch: Partial<RideEntity>; note: string }>,
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
      if (!scheduled.feasible) throw new Error(`plan of ${vehicle.label} is infeasible after planning (${scheduled.code})`);
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
        const etaPatch: Partial<RideEntity> = { etaDropoffAt: eta.dropoff, ...(eta.pickup ? { etaPickupAt: eta.pickup } : {}) };
        const placement = placed[ride.id];
        if (placement) {
          await transitionRide(em, ride, RideStatus.Assigned, { at: snapshot.now, actor: DISPATCHER_ACTOR, note: placement.note, patch: { ...placement.patch, ...etaPatch } });
          news.ride(ride, ref);
          continue;
        }
        const same = (a: Date | null, b: Date | null) => Math.abs((a?.getTime() ?? 0) - (b?.getTime() ?? 0)) < 1000;
        if (!same(ride.etaDropoffAt, eta.dropoff) || (eta.pickup && !same(ride.etaPickupAt, eta.pickup))) {
          await touchRide(em, ride, etaPatch);
          news.ride(ride, ref);
        }
      }
      const noShowMs = snapshot.noShowAfterMin * 60_000;
      const manifestRides = new Map(
        [...allRides.values()].map((r) => [
          r.id,
          { passengers: r.passengers, name: nameOf.get(r.riderUserId) ?? '', noShowAllowedAt: r.arrivedAt && r.status === RideStatus.Arrived ? new Date(r.arrivedAt.getTime() + noShowMs) : null },
        ]),
      );
      news.manifest(vehicle.driverUserId, snapshot.areaId, vehicleId, version, records, manifestRides);
    }
  }

  private async decide(em: EntityManager, news: Announcements, row: Omit<DispatchDecisionEntity, 'id' | 'createdAt'>): Promise<void> {
    const saved = await em.getRepository(DispatchDecisionEntity).save({ ...row, reason: row.reason.slice(0, 500) });
    news.decision(saved);
  }

  /** Up to three later pickup times that the present plans could take (inside service hours). */
  private alternatives(snapshot: FleetSnapshot, task: PlanningTask, ctx: AreaContext, state: LiveState = snapshot.state): RideAlternative[] {
    const found: RideAlternative[] = [];
    const horizon = ctx.now.getTime() + ctx.settings.bookingHorizonDays * 86_400_000;
    const width = task.pickupWindow.to.getTime() - task.pickupWindow.from.getTime();
    for (let k = 1; k <= ALTERNATIVE_STEPS && found.length < 3; k++) {
      const from = new Date(task.pickupWindow.from.getTime() + k * ALTERNATIVE_STEP_MIN * 60_000);
      if (from.getTime() > horizon) break;
      if (!isWithinServiceHours(from, ctx.area.serviceHours, ctx.area.timezone)) continue;
      const candidate: PlanningTask = { ...task, id: `${task.id}~alt${k}`, pickupWindow: { from, to: new Date(from.getTime() + width) }, dropoffWindow: null };
      const outcome = insertRequest(state, snapshot.request(candidate), { riderDelayWeight: ctx.settings.riderDelayWeight });
      if (outcome.accepted) found.push({ pickupAt: from.toISOString(), mode: RideTimeMode.DepartAt });
    }
    return found;
  }
}
