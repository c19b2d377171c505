import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { MetricsService } from '@app/http';
import { NotificationRecorder } from '@app/notifications';
import { insertRequest, LiveState, removeRequest, reoptimize, TravelTimeProvider } from '@app/dispatch';
import { lockAreaPlanning, PlannedStopRecord, RideEntity, ServiceAreaEntity, VehicleEntity } from '@app/database';
import {
  Clock,
  conflict,
  notFound,
  ShuttleErrorCode,
  maxRideSeconds,
  pickupWindowFor,
  resolveShuttleSettings,
  RideRejectionCode,
  RideStatus,
  RideTimeMode,
} from '@app/domain';
import { FleetSnapshot, loadFleetSnapshot, PlanningTask, PlanVersionConflict, savePlan } from './fleet-state';
import { TRAVEL_TIME_PROVIDER } from './travel-time.factory';
import { loadPlannedRides, rideTask } from './ride-tasks';
import { Announcements, ShuttleNotifier } from './shuttle-notifier';
import { AreaContext, laterAlternatives } from './shuttle-plan-alternatives';
import { etasOf, MoveAffected, MovePreview, onlyVehicle, PlannedMove } from './shuttle-plan-move';
import { persistVehicles, recordDecision, rejectRide } from './shuttle-plan-persistence';

// Callers import the move preview's shapes from here (through the lib's index).
export type { MoveAffected, MovePreview } from './shuttle-plan-move';

/** Search budget of a re-plan after a cancellation (runs under the area lock). */
const REOPTIMIZE_BUDGET_MS = 150;

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
    private readonly notifications: NotificationRecorder,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  /** Places a requested ride on the van where it adds least cost, or rejects it with alternatives. */
  async assign(rideId: string): Promise<void> {
    const news = this.notifier.begin();
    let decided: { outcome: 'assigned' | 'rejected'; acceptedAt: Date } | null = null;
    await this.dataSource.transaction(async (em) => {
      const peek = await em.getRepository(RideEntity).findOneBy({ id: rideId });
      if (!peek || peek.status !== RideStatus.Requested) return; // retried job or cancelled meanwhile
      await lockAreaPlanning(em, peek.areaId);
      // After the lock: waiting for it may take a while, and `now` must be the time of planning.
      const ctx = await this.areaContext(em, peek.areaId);
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
      const task: PlanningTask = {
        ...rideTask(ride, { from: window.earliest, to: window.latest }),
        maxRideS,
        vehicleId: null,
        pickedUpAt: null,
      };
      if (ride.timeMode === RideTimeMode.ArriveBy) task.dropoffWindow = { from: new Date(0), to: ride.requestedTime };
      snapshot.tasks.set(ride.id, task);
      const outcome =
        window.latest < ctx.now
          ? ({
              accepted: false,
              code: 'PICKUP_WINDOW',
              reason: 'the requested arrival can no longer be reached',
            } as const)
          : insertRequest(snapshot.state, snapshot.request(task), { riderDelayWeight: ctx.settings.riderDelayWeight });
      if (outcome.accepted) {
        const vehicle = snapshot.vehicle(outcome.vehicleId)!;
        const reason = outcome.reason.replace(outcome.vehicleId, vehicle.label);
        ride.maxRideS = maxRideS;
        await persistVehicles(em, this.notifications, snapshot, outcome.state, [vehicle.id], planned, news, {
          [ride.id]: {
            ride,
            patch: {
              promisedPickupFrom: window.earliest,
              promisedPickupTo: window.latest,
              maxRideS,
              vehicleId: vehicle.id,
              driverUserId: vehicle.driverUserId,
            },
            note: reason,
          },
        });
        await recordDecision(em, news, {
          rideId: ride.id,
          areaId: ride.areaId,
          outcome: 'assigned',
          vehicleId: vehicle.id,
          code: null,
          reason,
          costDelta: outcome.costDelta,
        });
        decided = { outcome: 'assigned', acceptedAt: ride.createdAt };
      } else {
        const alternatives = laterAlternatives(snapshot, task, ctx);
        await rejectRide(em, news, ride, {
          at: ctx.now,
          code: outcome.code,
          reason: outcome.reason,
          note: `rejected: ${outcome.reason}`,
          alternatives,
        });
        decided = { outcome: 'rejected', acceptedAt: ride.createdAt };
      }
    });
    news.flush();
    // Wall time from the api accepting the booking to this committed decision.
    const done = decided as { outcome: 'assigned' | 'rejected'; acceptedAt: Date } | null;
    if (done)
      this.metrics?.assignmentLatency.observe(
        { service: 'shuttle', outcome: done.outcome },
        (Date.now() - done.acceptedAt.getTime()) / 1000,
      );
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
      await lockAreaPlanning(em, areaId);
      const ctx = await this.areaContext(em, areaId);
      const planned = await loadPlannedRides(em, areaId);
      const snapshot = await this.snapshot(em, ctx, planned, []);
      const touched = new Set(vehicleIds.filter((id) => snapshot.vehicle(id)));
      let state = snapshot.state;
      const moved: Record<string, { ride: RideEntity; patch: Partial<RideEntity>; note: string }> = {};
      if (options.reoptimize && snapshot.state.requests.length > 0) {
        const result = reoptimize(snapshot.state, {
          timeBudgetMs: REOPTIMIZE_BUDGET_MS,
          seed: 1,
          riderDelayWeight: ctx.settings.riderDelayWeight,
        });
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
              await recordDecision(em, news, {
                rideId: ride.id,
                areaId,
                outcome: 'replanned',
                vehicleId: v.id,
                code: null,
                reason: note,
                costDelta: result.solution.cost - result.costBefore,
              });
            }
          }
        }
      }
      await persistVehicles(em, this.notifications, snapshot, state, [...touched], planned, news, moved);
    });
    news.flush();
  }

  /**
   * A van stops taking work: riders it has not picked up yet move to other vans (keeping their
   * promised window) or are rejected with a reason and alternatives; riders on board stay.
   * With `stillUnavailable`, checked under the area lock, nothing is done (and false returned)
   * when the van is available again by then.
   */
  async releaseVehicle(
    vehicleId: string,
    areaId: string,
    why: string,
    stillUnavailable?: (em: EntityManager) => Promise<boolean>,
  ): Promise<boolean> {
    const news = this.notifier.begin();
    const released = await this.dataSource.transaction(async (em) => {
      await lockAreaPlanning(em, areaId);
      if (stillUnavailable && !(await stillUnavailable(em))) return false;
      const ctx = await this.areaContext(em, areaId);
      const planned = await loadPlannedRides(em, areaId);
      const moving = [...planned.values()].filter((r) => r.vehicleId === vehicleId && r.status !== RideStatus.OnBoard);
      for (const r of moving) planned.delete(r.id);
      // The van keeps only the drop-offs of riders still on board.
      const plan = await em.query<{ version: number; stops: PlannedStopRecord[] }[]>(
        'SELECT version, stops FROM vehicle_plans WHERE vehicle_id = $1',
        [vehicleId],
      );
      if (plan.length) {
        const keep = plan[0].stops.filter((s) => planned.has(s.taskId));
        await savePlan(em, areaId, vehicleId, plan[0].version, keep);
      }
      const snapshot = await this.snapshot(
        em,
        ctx,
        planned,
        moving.flatMap((r) => [r.pickupPlaceId, r.dropoffPlaceId]),
        [vehicleId],
      );
      let state: LiveState = snapshot.state;
      const touched = new Set<string>();
      const updates: Record<string, { ride: RideEntity; patch: Partial<RideEntity>; note: string }> = {};
      for (const ride of moving.sort((a, b) => a.promisedPickupTo!.getTime() - b.promisedPickupTo!.getTime())) {
        const from = new Date(Math.max(ride.promisedPickupFrom!.getTime(), ctx.now.getTime()));
        const to = new Date(
          Math.max(ride.promisedPickupTo!.getTime(), ctx.now.getTime() + ctx.settings.maxWaitMin * 60_000),
        );
        const task: PlanningTask = { ...rideTask(ride, { from, to }), vehicleId: null, pickedUpAt: null };
        snapshot.tasks.set(ride.id, task);
        const outcome = insertRequest(state, snapshot.request(task), {
          riderDelayWeight: ctx.settings.riderDelayWeight,
        });
        if (outcome.accepted) {
          state = outcome.state;
          touched.add(outcome.vehicleId);
          const vehicle = snapshot.vehicle(outcome.vehicleId)!;
          const reason = `moved from an unavailable van (${why}) to ${vehicle.label}: ${outcome.reason.replace(outcome.vehicleId, vehicle.label)}`;
          updates[ride.id] = {
            ride,
            patch: {
              vehicleId: vehicle.id,
              driverUserId: vehicle.driverUserId,
              promisedPickupFrom: from,
              promisedPickupTo: to,
            },
            note: reason,
          };
          await recordDecision(em, news, {
            rideId: ride.id,
            areaId,
            outcome: 'reassigned',
            vehicleId: vehicle.id,
            code: null,
            reason,
            costDelta: outcome.costDelta,
          });
        } else {
          const code: RideRejectionCode = 'VEHICLE_UNAVAILABLE';
          const reason = `the van became unavailable (${why}) and no other van can take the ride: ${outcome.reason}`;
          const alternatives = laterAlternatives(snapshot, task, ctx, state);
          snapshot.tasks.delete(ride.id);
          await rejectRide(em, news, ride, { at: ctx.now, code, reason, note: reason, alternatives });
        }
      }
      await persistVehicles(em, this.notifications, snapshot, state, [...touched], planned, news, updates);
      this.logger.log(`vehicle ${vehicleId} released (${why}): ${moving.length} rides re-planned`);
      return true;
    });
    news.flush();
    return released;
  }

  /**
   * The last word on a request the dispatcher could not plan at all (its job failed every
   * attempt): rejected with DISPATCH_FAILED under the area lock, announced like any rejection.
   * Nothing happens (false) when the ride was decided or cancelled meanwhile.
   */
  async rejectUndispatchable(rideId: string, why: string): Promise<boolean> {
    const open = (s: RideStatus) => s === RideStatus.Requested || s === RideStatus.Scheduled;
    const news = this.notifier.begin();
    const rejected = await this.dataSource.transaction(async (em) => {
      const peek = await em.getRepository(RideEntity).findOneBy({ id: rideId });
      if (!peek || !open(peek.status)) return false;
      await lockAreaPlanning(em, peek.areaId);
      const ride = await em.getRepository(RideEntity).findOneByOrFail({ id: rideId });
      if (!open(ride.status)) return false;
      const reason = 'the dispatcher could not plan this request; please book again';
      await rejectRide(em, news, ride, {
        at: this.clock.now(),
        code: 'DISPATCH_FAILED',
        reason,
        note: `rejected: ${reason} (${why})`,
        alternatives: [],
      });
      return true;
    });
    news.flush();
    return rejected;
  }

  /** What moving (or assigning) a ride to this van would do; nothing is written. */
  async previewMove(rideId: string, vehicleId: string): Promise<MovePreview> {
    return this.dataSource.transaction(async (em) => (await this.planMove(em, rideId, vehicleId, false)).preview);
  }

  /**
   * Moves a ride (or places an unassigned one) onto a van by hand, under the area lock and the
   * plans' version checks: both vans' plans, the ride and a decision row are written in one
   * transaction, or nothing is (MOVE_INFEASIBLE with the engine's reason; PLAN_CHANGED when a
   * van of the confirmed preview was re-planned since).
   */
  async move(
    rideId: string,
    vehicleId: string,
    actor: { userId: string; name: string },
    expectedPlanVersions?: Record<string, number>,
  ): Promise<MovePreview> {
    const news = this.notifier.begin();
    try {
      const preview = await this.dataSource.transaction(async (em) => {
        const planned = await this.planMove(em, rideId, vehicleId, true, news);
        // The dispatcher confirmed a preview: if a van was re-planned since, its figures no longer hold.
        const current = planned.preview.planVersions;
        const stale = Object.entries(expectedPlanVersions ?? {}).filter(
          ([vid, version]) => vid in current && current[vid] !== version,
        );
        if (stale.length > 0)
          throw conflict(ShuttleErrorCode.PlanChanged, 'A van was re-planned since the preview; preview again.', {
            expected: expectedPlanVersions,
            current,
          });
        if (!planned.preview.feasible || !planned.commit) {
          throw conflict(ShuttleErrorCode.MoveInfeasible, planned.preview.reason, { code: planned.preview.code });
        }
        await planned.commit(actor);
        return planned.preview;
      });
      news.flush();
      return preview;
    } catch (error) {
      // Cannot happen under the area lock unless a writer skipped it; the caller may retry.
      if (error instanceof PlanVersionConflict)
        throw conflict(ShuttleErrorCode.PlanChanged, 'A van plan changed meanwhile; preview again.');
      throw error;
    }
  }

  private async planMove(
    em: EntityManager,
    rideId: string,
    vehicleId: string,
    forWrite: boolean,
    news?: Announcements,
  ): Promise<PlannedMove> {
    const peek = await em.getRepository(RideEntity).findOneBy({ id: rideId });
    if (!peek) throw notFound(ShuttleErrorCode.RideNotFound, 'No such ride.');
    await lockAreaPlanning(em, peek.areaId);
    const ctx = await this.areaContext(em, peek.areaId);
    const ride = await em
      .getRepository(RideEntity)
      .findOneOrFail({ where: { id: rideId }, ...(forWrite ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    const status = ride.status;
    if (status === RideStatus.OnBoard)
      throw conflict(
        ShuttleErrorCode.RideAlreadyOnBoard,
        'The rider is already on board; the ride stays with its van.',
      );
    if (status === RideStatus.Completed || status === RideStatus.Cancelled || status === RideStatus.NoShow) {
      throw conflict(ShuttleErrorCode.RideFinished, `A ride that is ${status} cannot be moved.`, { status });
    }
    if (status === RideStatus.Scheduled)
      throw conflict(
        ShuttleErrorCode.RideNotActive,
        'A scheduled ride is planned shortly before its time; move it after that.',
      );
    const placedBefore = status === RideStatus.Assigned || status === RideStatus.Arrived;
    if (placedBefore && ride.vehicleId === vehicleId)
      throw conflict(ShuttleErrorCode.MoveSameVehicle, 'The ride is already on this van.');
    const targetRow = await em.getRepository(VehicleEntity).findOneBy({ id: vehicleId });
    if (!targetRow || targetRow.areaId !== ride.areaId)
      throw notFound(ShuttleErrorCode.VehicleNotFound, "No van with this id serves the ride's area.");

    const planned = await loadPlannedRides(em, ride.areaId);
    const snapshot = await this.snapshot(em, ctx, planned, [ride.pickupPlaceId, ride.dropoffPlaceId]);
    const to = snapshot.vehicle(vehicleId);
    if (!to)
      throw conflict(
        ShuttleErrorCode.VehicleNotAvailable,
        `${targetRow.label} is not on shift and online (or is out of service).`,
      );
    const from = placedBefore && ride.vehicleId ? snapshot.vehicle(ride.vehicleId) : undefined;
    const opts = { riderDelayWeight: ctx.settings.riderDelayWeight };

    // The request as the engine sees it: a planned ride keeps its promise (relaxed to its
    // present estimate when already late); an unassigned one gets a window from its request.
    let request = snapshot.state.requests.find((r) => r.id === ride.id);
    let base: LiveState = snapshot.state;
    let patch: Partial<RideEntity> = {};
    if (request) {
      base = removeRequest(base, ride.id).state;
    } else if (placedBefore) {
      const window = {
        from: new Date(Math.max(ride.promisedPickupFrom!.getTime(), ctx.now.getTime())),
        to: new Date(Math.max(ride.promisedPickupTo!.getTime(), ctx.now.getTime() + ctx.settings.maxWaitMin * 60_000)),
      };
      const task: PlanningTask = {
        ...rideTask(ride, window),
        vehicleId: null,
        pickedUpAt: null,
        vehicleAtPickup: false,
      };
      snapshot.tasks.set(ride.id, task);
      request = snapshot.request(task);
      patch = { promisedPickupFrom: window.from, promisedPickupTo: window.to };
    } else {
      const directS = snapshot.travelSeconds(ride.pickupPlaceId, ride.dropoffPlaceId);
      const maxRideS = maxRideSeconds(directS, ctx.settings);
      const window = pickupWindowFor({ mode: ride.timeMode, at: ride.requestedTime }, directS, ctx.settings);
      if (window.earliest < ctx.now) window.earliest = ctx.now;
      // A request whose time has passed (a rejected one placed by hand) is promised from now.
      if (window.latest < ctx.now) window.latest = new Date(ctx.now.getTime() + ctx.settings.maxWaitMin * 60_000);
      const task: PlanningTask = {
        ...rideTask(ride, { from: window.earliest, to: window.latest }),
        maxRideS,
        vehicleId: null,
        pickedUpAt: null,
        vehicleAtPickup: false,
      };
      if (ride.timeMode === RideTimeMode.ArriveBy && ride.requestedTime > ctx.now)
        task.dropoffWindow = { from: new Date(0), to: ride.requestedTime };
      snapshot.tasks.set(ride.id, task);
      request = snapshot.request(task);
      patch = { promisedPickupFrom: window.earliest, promisedPickupTo: window.latest, maxRideS };
    }

    const planVersions = Object.fromEntries([to, ...(from ? [from] : [])].map((v) => [v.id, v.planVersion]));
    const answer = (p: Partial<MovePreview>): MovePreview => ({
      rideId: ride.id,
      feasible: false,
      code: null,
      costDelta: null,
      reason: '',
      fromVehicleId: placedBefore ? ride.vehicleId : null,
      toVehicleId: vehicleId,
      etaPickupAt: null,
      etaDropoffAt: null,
      affected: [],
      planVersions,
      ...p,
    });
    const outcome = insertRequest(onlyVehicle(base, vehicleId), request, opts);
    if (!outcome.accepted) return { preview: answer({ code: outcome.code, reason: `${to.label}: ${outcome.reason}` }) };
    // What the ride costs its present van: the best re-insertion there once it is taken out.
    const back = from ? insertRequest(onlyVehicle(base, from.id), request, opts) : null;
    const costDelta = outcome.costDelta - (back?.accepted ? back.costDelta : 0);
    const after: LiveState = {
      ...base,
      requests: [...base.requests, request],
      routes: { ...base.routes, [vehicleId]: outcome.state.routes[vehicleId] },
    };

    const vans = [to.id, ...(from ? [from.id] : [])];
    const affected: MoveAffected[] = [];
    for (const vid of vans) {
      const before = etasOf(snapshot.state, vid);
      const now = etasOf(after, vid);
      for (const [id, eta] of now) {
        const old = before.get(id);
        if (id === ride.id || !old) continue;
        const pickupEtaChangeS =
          eta.pickup !== null && old.pickup !== null ? Math.round(eta.pickup - old.pickup) : null;
        const dropoffEtaChangeS =
          eta.dropoff !== null && old.dropoff !== null ? Math.round(eta.dropoff - old.dropoff) : null;
        const etaChangeS = dropoffEtaChangeS ?? pickupEtaChangeS ?? 0;
        if (Math.abs(etaChangeS) < 30 && Math.abs(pickupEtaChangeS ?? 0) < 30) continue;
        affected.push({
          rideId: id,
          vehicleId: vid,
          pickupEtaChangeS,
          dropoffEtaChangeS,
          etaChangeS,
          delayS: Math.max(0, pickupEtaChangeS ?? 0, dropoffEtaChangeS ?? 0),
        });
      }
    }
    const mine = etasOf(after, vehicleId).get(ride.id);
    const engineReason = outcome.reason.replace(vehicleId, to.label);
    const preview = answer({
      feasible: true,
      costDelta: Math.round(costDelta),
      reason: from ? `from ${from.label} to ${engineReason}` : `to ${engineReason}`,
      etaPickupAt: mine?.pickup != null ? snapshot.date(mine.pickup).toISOString() : null,
      etaDropoffAt: mine?.dropoff != null ? snapshot.date(mine.dropoff).toISOString() : null,
      affected,
    });
    if (!forWrite || !news) return { preview };
    return {
      preview,
      commit: async (actor) => {
        // A ride on a van that is no longer planned (off line): take it out of that plan too.
        if (placedBefore && ride.vehicleId && !from) {
          const rows = await em.query<{ version: number; stops: PlannedStopRecord[] }[]>(
            'SELECT version, stops FROM vehicle_plans WHERE vehicle_id = $1',
            [ride.vehicleId],
          );
          if (rows.length)
            await savePlan(
              em,
              ride.areaId,
              ride.vehicleId,
              rows[0].version,
              rows[0].stops.filter((s) => s.taskId !== ride.id),
            );
        }
        const verb = placedBefore ? 'moved' : 'assigned';
        const reason = `${verb} by dispatcher ${actor.name} ${preview.reason}`;
        await persistVehicles(
          em,
          this.notifications,
          snapshot,
          after,
          vans,
          planned,
          news,
          {
            [ride.id]: {
              ride,
              patch: {
                ...patch,
                vehicleId: to.id,
                driverUserId: to.driverUserId,
                arrivedAt: null,
                rejectionCode: null,
                rejectionReason: null,
                alternatives: [],
              },
              note: reason,
            },
          },
          actor.userId,
        );
        await recordDecision(em, news, {
          rideId: ride.id,
          areaId: ride.areaId,
          outcome: 'moved',
          vehicleId: to.id,
          code: null,
          reason,
          costDelta: Math.round(costDelta),
        });
      },
    };
  }

  private async areaContext(em: EntityManager, areaId: string): Promise<AreaContext> {
    const area = await em.getRepository(ServiceAreaEntity).findOneByOrFail({ id: areaId });
    return { area, settings: resolveShuttleSettings(area.settings, this.config.shuttle), now: this.clock.now() };
  }

  private snapshot(
    em: EntityManager,
    ctx: AreaContext,
    planned: Map<string, RideEntity>,
    extraPlaceIds: string[],
    excludeVehicleIds: string[] = [],
  ): Promise<FleetSnapshot> {
    return loadFleetSnapshot(em, {
      areaId: ctx.area.id,
      now: ctx.now,
      serviceTimeS: ctx.settings.dwellS,
      provider: this.travel,
      tasks: [...planned.values()].map((r) => rideTask(r)),
      extraPlaceIds,
      excludeVehicleIds,
    });
  }
}
