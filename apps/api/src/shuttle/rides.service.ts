import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, SelectQueryBuilder } from 'typeorm';
import {
  DispatchDecisionEntity,
  lockAreaPlanning,
  PlaceEntity,
  RideEntity,
  RideEventEntity,
  ServiceAreaEntity,
  transitionRide,
  UserAreaEntity,
  UserEntity,
  VehicleEntity,
} from '@app/database';
import {
  Clock,
  conflict,
  FINAL_RIDE_STATUSES,
  forbidden,
  holidaysFromSettings,
  invalid,
  isFinal,
  notFound,
  Principal,
  resolveShuttleSettings,
  RideStatus,
  RideTimeMode,
  Role,
  ServiceKind,
  ShuttleErrorCode,
  validatePassengers,
  validateRideTime,
  worksInArea,
} from '@app/domain';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DispatchJob, enqueueInTransaction, OutboxRelayService } from '@app/queues';
import { RealtimePublisher, rideRooms, rideStatusPayload, Rooms } from '@app/realtime';
import { isNextStopPickupOf, removeRideStops, ShuttlePlanner } from '@app/planning';
import { IdempotencyService, requestFingerprint } from '../common/idempotency';
import { CreateRideDto, PhoneBookingDto } from './dto/create-ride.dto';
import { DispatchRidesQueryDto, MovePreviewDto } from './dto/dispatch-board.dto';
import { DispatchDecisionDto, RideDto } from './dto/ride.dto';

/** A ride further ahead than this waits as `scheduled` and is planned this long before. */
const ACTIVATION_LEAD_MS = 30 * 60_000;

/** current = not finished yet; past = finished (completed, cancelled, rejected, no-show). */
function inScope(
  qb: SelectQueryBuilder<RideEntity>,
  scope: 'current' | 'past' | undefined,
): SelectQueryBuilder<RideEntity> {
  const finals = [...FINAL_RIDE_STATUSES];
  if (scope === 'current') qb.andWhere('r.status NOT IN (:...finals)', { finals });
  if (scope === 'past') qb.andWhere('r.status IN (:...finals)', { finals });
  return qb;
}

@Injectable()
export class RidesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly relay: OutboxRelayService,
    private readonly publisher: RealtimePublisher,
    private readonly clock: Clock,
    private readonly planner: ShuttlePlanner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A rider books for themself. Accepted at once; the dispatcher answers live. */
  async book(principal: Principal, dto: CreateRideDto, idempotencyKey: string | undefined): Promise<RideDto> {
    const result = await this.idempotency.run(
      {
        scope: principal.userId,
        key: idempotencyKey,
        fingerprint: requestFingerprint('POST /v1/rides', dto),
        status: 202,
      },
      async (em) => {
        const ride = await this.createRide(em, dto, {
          riderUserId: principal.userId,
          bookedBy: principal.userId,
          channel: 'app',
          allowedAreaIds: principal.areaIds,
          riderRole: true,
        });
        return this.toDto(em, ride);
      },
    );
    if (!result.replayed) this.announceNew(result.body, principal.userId);
    return result.body;
  }

  /** A dispatcher books for a caller with no account: the ride is kept under a phone-only rider. */
  async bookByPhone(principal: Principal, dto: PhoneBookingDto, idempotencyKey: string | undefined): Promise<RideDto> {
    const { callerName, callerPhone, ...ride } = dto;
    const result = await this.idempotency.run(
      {
        scope: principal.userId,
        key: idempotencyKey,
        fingerprint: requestFingerprint('POST /v1/dispatch/rides', dto),
        status: 202,
      },
      async (em) => {
        const pickup = await em.getRepository(PlaceEntity).findOneBy({ id: ride.pickupStopId });
        if (pickup && !worksInArea(principal, pickup.areaId)) {
          throw forbidden(ShuttleErrorCode.AreaForbidden, 'You do not dispatch this area.');
        }
        const riderUserId = pickup
          ? await this.phoneRider(em, callerName, callerPhone, pickup.areaId)
          : principal.userId;
        const created = await this.createRide(em, ride, {
          riderUserId,
          bookedBy: principal.userId,
          channel: 'phone',
          allowedAreaIds: null,
          riderRole: false,
        });
        return this.toDto(em, created);
      },
    );
    // The caller has no account and so no socket: only the dispatch boards hear of it.
    if (!result.replayed) this.announceNew(result.body, null);
    return result.body;
  }

  async list(principal: Principal, scope: 'current' | 'past' | undefined): Promise<RideDto[]> {
    const qb = this.dataSource
      .getRepository(RideEntity)
      .createQueryBuilder('r')
      .where('r.rider_user_id = :uid', { uid: principal.userId });
    return this.listWithHistory(inScope(qb, scope).orderBy('r.created_at', 'DESC').limit(100));
  }

  /** The rides of one area for the dispatch board (its snapshot on every connect), newest first. */
  async listForArea(principal: Principal, query: DispatchRidesQueryDto): Promise<RideDto[]> {
    if (!worksInArea(principal, query.areaId))
      throw forbidden(ShuttleErrorCode.AreaForbidden, 'You do not dispatch this area.');
    const qb = this.dataSource
      .getRepository(RideEntity)
      .createQueryBuilder('r')
      .where('r.area_id = :areaId', { areaId: query.areaId });
    inScope(qb, query.scope);
    if (query.before) qb.andWhere('r.created_at < :before', { before: new Date(query.before) });
    return this.listWithHistory(
      qb
        .orderBy('r.created_at', 'DESC')
        .addOrderBy('r.id', 'DESC')
        .limit(query.limit ?? 200),
    );
  }

  /** The rides a query finds, each with its history: the times that actually happened (assigned, arrived, picked up, …). */
  private async listWithHistory(qb: SelectQueryBuilder<RideEntity>): Promise<RideDto[]> {
    const em = this.dataSource.manager;
    const rides = await qb.getMany();
    const events = rides.length
      ? await em
          .getRepository(RideEventEntity)
          .find({ where: { rideId: In(rides.map((r) => r.id)) }, order: { id: 'ASC' } })
      : [];
    const byRide = new Map<string, RideEventEntity[]>();
    for (const e of events) {
      const list = byRide.get(e.rideId);
      if (list) list.push(e);
      else byRide.set(e.rideId, [e]);
    }
    return this.toDtos(em, rides, byRide);
  }

  /** What moving a ride to a van would cost; writes nothing. */
  async previewMove(principal: Principal, id: string, vehicleId: string): Promise<MovePreviewDto> {
    await this.dispatchableRide(principal, id);
    return this.planner.previewMove(id, vehicleId);
  }

  /** Moves (or assigns) a ride to a van by hand; refused with MOVE_INFEASIBLE when it cannot be done. */
  async move(
    principal: Principal,
    id: string,
    vehicleId: string,
    expectedPlanVersions?: Record<string, number>,
  ): Promise<RideDto> {
    await this.dispatchableRide(principal, id);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: principal.userId });
    await this.planner.move(
      id,
      vehicleId,
      { userId: principal.userId, name: user?.displayName ?? principal.userId },
      expectedPlanVersions,
    );
    return this.get(principal, id);
  }

  private async dispatchableRide(principal: Principal, id: string): Promise<RideEntity> {
    const ride = await this.dataSource.getRepository(RideEntity).findOneBy({ id });
    // Another area's ride reads as no ride: a 403 would tell that the id exists.
    if (!ride || !worksInArea(principal, ride.areaId)) throw notFound(ShuttleErrorCode.RideNotFound, 'No such ride.');
    return ride;
  }

  async get(principal: Principal, id: string): Promise<RideDto> {
    const em = this.dataSource.manager;
    const ride = await this.visibleRide(em, principal, id);
    const events = await em.getRepository(RideEventEntity).find({ where: { rideId: id }, order: { id: 'ASC' } });
    return this.toDto(em, ride, events);
  }

  async decisions(principal: Principal, id: string): Promise<DispatchDecisionDto[]> {
    const em = this.dataSource.manager;
    await this.visibleRide(em, principal, id);
    const rows = await em
      .getRepository(DispatchDecisionEntity)
      .find({ where: { rideId: id }, order: { createdAt: 'ASC' } });
    return rows.map((d) => ({
      id: d.id,
      outcome: d.outcome,
      vehicleId: d.vehicleId,
      code: d.code,
      reason: d.reason,
      costDelta: d.costDelta,
      at: d.createdAt.toISOString(),
    }));
  }

  /** Free until the van is on its way to the rider; after that it is recorded as a late cancel. */
  async cancel(principal: Principal, id: string, reason: string): Promise<RideDto> {
    const outcome = await this.dataSource.transaction(async (em) => {
      const peek = await this.visibleRide(em, principal, id);
      if (principal.role === Role.Rider && peek.riderUserId !== principal.userId)
        throw notFound(ShuttleErrorCode.RideNotFound, 'No such ride.');
      await lockAreaPlanning(em, peek.areaId);
      // Row lock too: scheduled-ride activation changes a ride without the area lock.
      const ride = await em
        .getRepository(RideEntity)
        .findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (isFinal(ride.status) || ride.status === RideStatus.OnBoard) {
        throw conflict(ShuttleErrorCode.RideInvalidTransition, `A ride that is ${ride.status} cannot be cancelled.`, {
          status: ride.status,
        });
      }
      const vehicleId = ride.vehicleId;
      const now = this.clock.now();
      // "On its way": the van stands at the stop, or the pickup is the stop it drives to next
      // and the promised window has begun (a van waiting for a later pickup is not yet coming).
      const onItsWay =
        ride.status === RideStatus.Assigned &&
        !!vehicleId &&
        !!ride.promisedPickupFrom &&
        ride.promisedPickupFrom.getTime() <= now.getTime() &&
        (await isNextStopPickupOf(em, vehicleId, ride.id));
      const late = ride.status === RideStatus.Arrived || onItsWay;
      if (vehicleId && ride.status !== RideStatus.Requested)
        await removeRideStops(em, vehicleId, ride.id, ['pickup', 'dropoff']);
      await transitionRide(em, ride, RideStatus.Cancelled, {
        at: now,
        actor: principal.userId,
        note: `${late ? 'late cancel' : 'cancelled'}: ${reason}`,
        patch: { cancelledAt: now, cancelReason: reason, lateCancel: late, etaPickupAt: null, etaDropoffAt: null },
      });
      if (vehicleId) {
        await enqueueInTransaction(em, {
          name: DispatchJob.ReplanAfterCancel,
          payload: { rideId: ride.id, vehicleId },
          jobId: `replan-after-cancel.${ride.id}`,
        });
      }
      return { ride, dto: await this.toDto(em, ride) };
    });
    this.relay.kick();
    this.publisher.publish(rideRooms(outcome.ride), 'ride.status', rideStatusPayload(outcome.ride, null));
    return outcome.dto;
  }

  /** Stops of an area with its service hours, for the booking screen. */
  async stops(areaId: string): Promise<{ area: ServiceAreaEntity; stops: PlaceEntity[] }> {
    const area = await this.dataSource.getRepository(ServiceAreaEntity).findOneBy({ id: areaId });
    if (!area || area.kind !== ServiceKind.Shuttle)
      throw notFound(ShuttleErrorCode.AreaNotFound, 'No shuttle service area has this id.');
    const stops = await this.dataSource
      .getRepository(PlaceEntity)
      .find({ where: { areaId, isStop: true, retiredAt: IsNull() }, order: { code: 'ASC' } });
    return { area, stops };
  }

  private async createRide(
    em: EntityManager,
    dto: CreateRideDto,
    who: {
      riderUserId: string;
      bookedBy: string;
      channel: 'app' | 'phone';
      allowedAreaIds: string[] | null;
      riderRole: boolean;
    },
  ): Promise<RideEntity> {
    if (dto.pickupStopId === dto.dropoffStopId)
      throw invalid(ShuttleErrorCode.SameStop, 'Pickup and drop-off must be different stops.');
    const places = await em
      .getRepository(PlaceEntity)
      .findBy({ id: In([dto.pickupStopId, dto.dropoffStopId]), retiredAt: IsNull() });
    const pickup = places.find((p) => p.id === dto.pickupStopId);
    const dropoff = places.find((p) => p.id === dto.dropoffStopId);
    if (!pickup || !dropoff || !pickup.isStop || !dropoff.isStop) {
      throw invalid(ShuttleErrorCode.StopUnknown, 'Unknown stop.', {
        unknown: [
          !pickup || !pickup.isStop ? dto.pickupStopId : null,
          !dropoff || !dropoff.isStop ? dto.dropoffStopId : null,
        ].filter(Boolean),
      });
    }
    if (pickup.areaId !== dropoff.areaId || (who.allowedAreaIds && !who.allowedAreaIds.includes(pickup.areaId))) {
      throw invalid(ShuttleErrorCode.StopOutsideArea, 'The stops are not both in your service area.');
    }
    const area = await em.getRepository(ServiceAreaEntity).findOneByOrFail({ id: pickup.areaId });
    if (area.kind !== ServiceKind.Shuttle) throw invalid(ShuttleErrorCode.AreaNotShuttle, 'This area has no shuttle.');
    const settings = resolveShuttleSettings(area.settings, this.config.shuttle);
    const now = this.clock.now();
    const time = validateRideTime(
      { mode: dto.timeMode, at: dto.at ? new Date(dto.at) : undefined },
      {
        now,
        hours: area.serviceHours,
        holidays: holidaysFromSettings(area.settings),
        timezone: area.timezone,
        horizonDays: settings.bookingHorizonDays,
      },
    );
    const vans = await em.getRepository(VehicleEntity).findBy({ areaId: area.id, inService: true });
    const needsWheelchair = (dto.needs ?? []).includes('wheelchair');
    const largest = Math.max(0, ...vans.filter((v) => !needsWheelchair || v.wheelchairAccessible).map((v) => v.seats));
    validatePassengers(dto.passengers, largest);
    const pickupFrom =
      time.mode === RideTimeMode.ArriveBy ? time.at.getTime() - 2 * ACTIVATION_LEAD_MS : time.at.getTime();
    const scheduled = pickupFrom - now.getTime() > ACTIVATION_LEAD_MS;
    const repo = em.getRepository(RideEntity);
    const ride = await repo.save(
      repo.create({
        areaId: area.id,
        riderUserId: who.riderUserId,
        bookedByUserId: who.bookedBy,
        channel: who.channel,
        pickupPlaceId: pickup.id,
        dropoffPlaceId: dropoff.id,
        passengers: dto.passengers,
        needs: [...new Set(dto.needs ?? [])],
        timeMode: time.mode,
        requestedTime: time.at,
        status: scheduled ? RideStatus.Scheduled : RideStatus.Requested,
        version: 1,
        alternatives: [],
      }),
    );
    await em.getRepository(RideEventEntity).insert({
      rideId: ride.id,
      status: ride.status,
      version: 1,
      occurredAt: now,
      actor: who.bookedBy,
      note: who.channel === 'phone' ? 'booked by phone' : null,
    });
    if (scheduled) {
      await enqueueInTransaction(em, {
        name: DispatchJob.ActivateScheduledRide,
        payload: { rideId: ride.id },
        jobId: `activate-ride.${ride.id}`,
        runAt: new Date(pickupFrom - ACTIVATION_LEAD_MS),
      });
    } else {
      await enqueueInTransaction(em, {
        name: DispatchJob.AssignRide,
        payload: { rideId: ride.id },
        jobId: `assign-ride.${ride.id}`,
      });
    }
    return ride;
  }

  private async phoneRider(em: EntityManager, name: string, rawPhone: string, areaId: string): Promise<string> {
    const phone = rawPhone.replace(/[^0-9+]/g, '').slice(0, 20);
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values({ phone, displayName: name, role: Role.Rider, passwordHash: null, email: null, locale: 'ko' })
      .orIgnore()
      .returning(['id'])
      .execute();
    const user = await em.getRepository(UserEntity).findOneByOrFail({ phone });
    if (user.role !== Role.Rider)
      throw conflict(ShuttleErrorCode.PhoneTaken, 'This phone number belongs to a staff account.');
    // Only a phone-only rider created here joins the area: an existing account (an app rider)
    // gets the booking but keeps the areas it may book in.
    if ((inserted.raw as unknown[]).length === 1)
      await em
        .createQueryBuilder()
        .insert()
        .into(UserAreaEntity)
        .values({ userId: user.id, areaId })
        .orIgnore()
        .execute();
    return user.id;
  }

  private async visibleRide(em: EntityManager, principal: Principal, id: string): Promise<RideEntity> {
    const ride = await em.getRepository(RideEntity).findOneBy({ id });
    const visible =
      !!ride &&
      (principal.role === Role.Admin ||
        ride.riderUserId === principal.userId ||
        (principal.role === Role.Dispatcher && principal.areaIds.includes(ride.areaId)) ||
        (principal.role === Role.Staff && ride.driverUserId === principal.userId));
    if (!visible) throw notFound(ShuttleErrorCode.RideNotFound, 'No such ride.');
    return ride;
  }

  private announceNew(dto: RideDto, riderUserId: string | null): void {
    this.relay.kick();
    const rooms = [Rooms.area(dto.areaId), Rooms.admins(), ...(riderUserId ? [Rooms.user(riderUserId)] : [])];
    this.publisher.publish(rooms, 'ride.status', {
      version: dto.version,
      rideId: dto.id,
      areaId: dto.areaId,
      status: dto.status,
      times: {
        requestedAt: dto.times.requestedAt,
        arrivedAt: null,
        pickedUpAt: null,
        droppedOffAt: null,
        cancelledAt: null,
      },
      vehicle: null,
      promisedPickup: null,
      eta: { pickupAt: null, dropoffAt: null },
      rejection: null,
    });
  }

  async toDto(em: EntityManager, ride: RideEntity, events?: RideEventEntity[]): Promise<RideDto> {
    return (await this.toDtos(em, [ride], events ? new Map([[ride.id, events]]) : undefined))[0];
  }

  private async toDtos(
    em: EntityManager,
    rides: RideEntity[],
    events?: Map<string, RideEventEntity[]>,
  ): Promise<RideDto[]> {
    if (rides.length === 0) return [];
    const placeIds = [...new Set(rides.flatMap((r) => [r.pickupPlaceId, r.dropoffPlaceId]))];
    const vehicleIds = [...new Set(rides.map((r) => r.vehicleId).filter((v): v is string => !!v))];
    // Sequential: `em` may be a transaction's single connection.
    const places = await em.getRepository(PlaceEntity).findBy({ id: In(placeIds) });
    const vehicles = vehicleIds.length ? await em.getRepository(VehicleEntity).findBy({ id: In(vehicleIds) }) : [];
    const riderIds = [...new Set(rides.map((r) => r.riderUserId))];
    const riders = await em
      .getRepository(UserEntity)
      .find({ where: { id: In(riderIds) }, select: { id: true, displayName: true } });
    const placeMap = new Map(places.map((p) => [p.id, p]));
    const vehicleMap = new Map(vehicles.map((v) => [v.id, v]));
    const riderMap = new Map(riders.map((u) => [u.id, u.displayName]));
    return rides.map((r) =>
      RideDto.from(
        r,
        placeMap,
        r.vehicleId ? vehicleMap.get(r.vehicleId) : null,
        events ? (events.get(r.id) ?? []) : undefined,
        riderMap.get(r.riderUserId) ?? '',
      ),
    );
  }
}
