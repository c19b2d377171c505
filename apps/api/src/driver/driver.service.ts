import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, LessThanOrEqual, MoreThan, Not } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { haversineMatrix } from '@app/dispatch';
import {
  lockAreaPlanning,
  PlaceEntity,
  RideEntity,
  RideEventEntity,
  ServiceAreaEntity,
  ShiftEntity,
  StaffEntity,
  transitionRide,
  UserEntity,
  VehicleEntity,
  VehicleLiveStateEntity,
  VehiclePlanEntity,
} from '@app/database';
import {
  Clock,
  conflict,
  ErrorCodes,
  forbidden,
  invalid,
  noShowAllowedAt,
  notFound,
  OCCURRED_AT_SKEW_MS,
  Principal,
  resolveOccurredAt,
  resolveShuttleSettings,
  RideStatus,
  ShiftStatus,
  ShuttleErrorCode,
  ShuttleSettings,
  TRACKED_RIDE_STATUSES,
} from '@app/domain';
import { DispatchJob, enqueueInTransaction, OutboxRelayService, vehicleUnavailableJob } from '@app/queues';
import { RealtimePublisher, rideRooms, rideStatusPayload, Rooms } from '@app/realtime';
import { IdempotencyService, requestFingerprint } from '../common/idempotency';
import { RideDto } from '../shuttle/dto/ride.dto';
import { removeRideStops } from '@app/planning';
import { RidesService } from '../shuttle/rides.service';
import { DriverShiftDto, ManifestDto, PostLocationDto } from './dto/driver.dto';

export type DriverRideAction = 'arrive' | 'pickup' | 'no-show' | 'dropoff';

interface DriverContext {
  live: VehicleLiveStateEntity;
  vehicle: VehicleEntity;
}

/** What a driver does on shift. Every ride event changes the van's plan under the area lock. */
@Injectable()
export class DriverService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelayService,
    private readonly publisher: RealtimePublisher,
    private readonly rides: RidesService,
    private readonly clock: Clock,
    private readonly idempotency: IdempotencyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async startShift(principal: Principal, shiftId?: string): Promise<DriverShiftDto> {
    const now = this.clock.now();
    const result = await this.dataSource.transaction(async (em) => {
      const staff = await em.getRepository(StaffEntity).findOneBy({ userId: principal.userId, active: true });
      if (!staff) throw forbidden(ErrorCodes.STAFF_PROFILE_MISSING, 'You have no active staff profile.');
      const shift = shiftId
        ? await em.getRepository(ShiftEntity).findOneBy({ id: shiftId, staffId: staff.id })
        : await em.getRepository(ShiftEntity).findOne({
            where: {
              staffId: staff.id,
              status: In([ShiftStatus.Planned, ShiftStatus.Active]),
              plannedStart: LessThanOrEqual(new Date(now.getTime() + 2 * 3_600_000)),
              plannedEnd: MoreThan(now),
            },
            order: { plannedStart: 'ASC' },
          });
      if (
        !shift ||
        (shift.status !== ShiftStatus.Planned && shift.status !== ShiftStatus.Active) ||
        shift.plannedEnd <= now
      ) {
        throw notFound(ShuttleErrorCode.NoShift, 'You have no shift to start now.');
      }
      await lockAreaPlanning(em, shift.areaId);
      const taken = await em
        .getRepository(VehicleLiveStateEntity)
        .findOneBy({ vehicleId: shift.vehicleId, shiftId: Not(IsNull()) });
      if (taken && taken.driverUserId !== principal.userId)
        throw conflict(ShuttleErrorCode.VehicleBusy, 'Another driver is on shift with this vehicle.');
      if (shift.status === ShiftStatus.Planned)
        await em.getRepository(ShiftEntity).update(shift.id, { status: ShiftStatus.Active, startedAt: now });
      await em.getRepository(VehicleLiveStateEntity).upsert(
        {
          vehicleId: shift.vehicleId,
          areaId: shift.areaId,
          shiftId: shift.id,
          driverUserId: principal.userId,
          online: true,
        },
        ['vehicleId'],
      );
      await em.query(
        "INSERT INTO vehicle_plans (vehicle_id, area_id, version, stops) VALUES ($1, $2, 0, '[]') ON CONFLICT (vehicle_id) DO NOTHING",
        [shift.vehicleId, shift.areaId],
      );
      const vehicle = await em.getRepository(VehicleEntity).findOneByOrFail({ id: shift.vehicleId });
      return {
        shiftId: shift.id,
        vehicleId: vehicle.id,
        vehicleLabel: vehicle.label,
        areaId: shift.areaId,
        plannedEnd: shift.plannedEnd.toISOString(),
        online: true,
      };
    });
    return result;
  }

  async endShift(principal: Principal): Promise<DriverShiftDto> {
    return this.setAvailability(principal, false, 'shift_ended');
  }

  async setOnline(principal: Principal, online: boolean): Promise<DriverShiftDto> {
    return this.setAvailability(principal, online, 'offline');
  }

  private async setAvailability(
    principal: Principal,
    online: boolean,
    reason: 'offline' | 'shift_ended',
  ): Promise<DriverShiftDto> {
    const now = this.clock.now();
    const dto = await this.dataSource.transaction(async (em) => {
      const { live, vehicle } = await this.context(em, principal);
      await lockAreaPlanning(em, live.areaId);
      const shift = await em.getRepository(ShiftEntity).findOneByOrFail({ id: live.shiftId! });
      const ending = reason === 'shift_ended';
      // Riders at the stop or on board need this van to finish their trip: a shift that ended
      // now would leave them with no driver who may drop them off and no plan to re-time.
      if (ending) {
        const aboard = await em
          .getRepository(RideEntity)
          .countBy({ vehicleId: live.vehicleId, status: In([RideStatus.Arrived, RideStatus.OnBoard]) });
        if (aboard > 0)
          throw conflict(
            ShuttleErrorCode.RidesOnBoard,
            `${aboard} rider(s) are at the stop or on board: drop them off (or mark the no-show) before ending the shift.`,
          );
      }
      await em
        .getRepository(VehicleLiveStateEntity)
        .update(live.vehicleId, { online, ...(ending ? { shiftId: null } : {}) });
      if (ending) await em.getRepository(ShiftEntity).update(shift.id, { status: ShiftStatus.Ended, endedAt: now });
      if (!online) {
        await enqueueInTransaction(em, vehicleUnavailableJob(live.vehicleId, reason, now));
      }
      return {
        shiftId: shift.id,
        vehicleId: vehicle.id,
        vehicleLabel: vehicle.label,
        areaId: live.areaId,
        plannedEnd: shift.plannedEnd.toISOString(),
        online,
      };
    });
    this.relay.kick();
    return dto;
  }

  async postLocation(principal: Principal, body: PostLocationDto): Promise<void> {
    const em = this.dataSource.manager;
    const { live } = await this.context(em, principal);
    const at = new Date(body.at);
    // A fix dated ahead of the server would shadow every later one (only newer fixes are kept).
    if (at.getTime() > this.clock.now().getTime() + OCCURRED_AT_SKEW_MS) {
      throw invalid(
        ShuttleErrorCode.LocationInFuture,
        "The position's time is ahead of the server clock; check the phone's clock.",
      );
    }
    // Positions can arrive out of order over a mobile network: keep only the newest.
    const updated = await em
      .createQueryBuilder()
      .update(VehicleLiveStateEntity)
      .set({ lat: body.lat, lng: body.lng, heading: body.heading ?? null, speed: body.speed ?? null, positionAt: at })
      .where('vehicle_id = :id AND (position_at IS NULL OR position_at < :at)', { id: live.vehicleId, at })
      .execute();
    if (updated.affected !== 1) return;
    // One after the other: a transaction is one connection.
    const plan = await em.getRepository(VehiclePlanEntity).findOneBy({ vehicleId: live.vehicleId });
    const riders = await em.getRepository(RideEntity).find({
      select: { riderUserId: true },
      where: { vehicleId: live.vehicleId, status: In(TRACKED_RIDE_STATUSES) },
    });
    let etaToNextStopS: number | null = null;
    const next = plan?.stops[0];
    if (next) {
      const place = await em.getRepository(PlaceEntity).findOneBy({ id: next.placeId });
      if (place) {
        const m = haversineMatrix(
          [
            { lat: body.lat, lng: body.lng },
            { lat: place.lat, lng: place.lng },
          ],
          at,
          { roadFactor: this.config.travel.roadFactor },
        );
        etaToNextStopS = Math.round(m.seconds[0][1]);
      }
    }
    // Riders see the van only while their ride is active.
    const rooms = [
      ...new Set(riders.map((r) => Rooms.user(r.riderUserId))),
      Rooms.area(live.areaId),
      Rooms.admins(),
      Rooms.user(principal.userId),
    ];
    this.publisher.publish(rooms, 'vehicle.position', {
      version: at.getTime(),
      vehicleId: live.vehicleId,
      lat: body.lat,
      lng: body.lng,
      heading: body.heading ?? null,
      speed: body.speed ?? null,
      at: at.toISOString(),
      etaToNextStopS,
    });
  }

  async manifest(principal: Principal): Promise<ManifestDto> {
    const em = this.dataSource.manager;
    const { live } = await this.context(em, principal);
    const plan = await em.getRepository(VehiclePlanEntity).findOneBy({ vehicleId: live.vehicleId });
    const stops = plan?.stops ?? [];
    if (stops.length === 0) return { vehicleId: live.vehicleId, version: plan?.version ?? 0, stops: [] };
    const rideIds = [...new Set(stops.map((s) => s.taskId))];
    const rides = await em.getRepository(RideEntity).findBy({ id: In(rideIds) });
    const places = await em.getRepository(PlaceEntity).findBy({ id: In([...new Set(stops.map((s) => s.placeId))]) });
    const users = await em.getRepository(UserEntity).findBy({ id: In([...new Set(rides.map((r) => r.riderUserId))]) });
    const rideMap = new Map(rides.map((r) => [r.id, r]));
    const placeMap = new Map(places.map((p) => [p.id, p]));
    const userMap = new Map(users.map((u) => [u.id, u]));
    return {
      vehicleId: live.vehicleId,
      version: plan!.version,
      stops: stops
        .filter((s) => rideMap.has(s.taskId))
        .map((s) => {
          const ride = rideMap.get(s.taskId)!;
          const place = placeMap.get(s.placeId)!;
          const user = userMap.get(ride.riderUserId);
          return {
            kind: s.kind,
            placeId: place.id,
            placeName: { ko: place.nameKo, en: place.nameEn },
            lat: place.lat,
            lng: place.lng,
            eta: s.serviceStart,
            rider: {
              rideId: ride.id,
              name: user?.displayName ?? '',
              phone: user?.phone ?? null,
              passengers: ride.passengers,
              needs: ride.needs,
              status: ride.status,
              noShowAllowedAt:
                ride.status === RideStatus.Arrived ? (ride.noShowAllowedAt?.toISOString() ?? null) : null,
            },
          };
        }),
    };
  }

  /** arrive / pickup / no-show / dropoff on one of the driver's rides. */
  async act(
    principal: Principal,
    rideId: string,
    action: DriverRideAction,
    occurredAt: string | undefined,
    idempotencyKey: string | undefined,
  ): Promise<RideDto> {
    const claimed = occurredAt ? new Date(occurredAt) : undefined;
    // Refused early (before any lock) when far in the future; the step order is checked below.
    resolveOccurredAt(claimed, this.clock.now(), null);
    // Set by a first run of the action (a replay has already been told to everyone).
    const firstRun: { announce?: () => void } = {};
    const fingerprint = requestFingerprint(`POST /v1/driver/rides/${rideId}/${action}`, { occurredAt });
    const result = await this.idempotency.run(
      { scope: principal.userId, key: idempotencyKey, fingerprint, status: 200 },
      async (em) => {
        const { live, vehicle } = await this.context(em, principal);
        const peek = await em.getRepository(RideEntity).findOneBy({ id: rideId });
        // Another van's ride reads as no ride: a 403 would tell that the id exists.
        if (!peek || peek.vehicleId !== live.vehicleId) throw notFound(ShuttleErrorCode.RideNotFound, 'No such ride.');
        await lockAreaPlanning(em, peek.areaId);
        const ride = await em
          .getRepository(RideEntity)
          .findOneOrFail({ where: { id: rideId }, lock: { mode: 'pessimistic_write' } });
        if (ride.vehicleId !== live.vehicleId) throw notFound(ShuttleErrorCode.RideNotFound, 'No such ride.');
        // Nothing is recorded before the step it follows (assigned, arrived, picked up).
        const previous = await em
          .getRepository(RideEventEntity)
          .findOne({ where: { rideId: ride.id }, order: { occurredAt: 'DESC', id: 'DESC' } });
        // Read under the ride's lock: a time read before waiting for it could be older than the
        // step that held it, and an action sent without a time would be refused as "too early".
        const serverNow = this.clock.now();
        // What really happened, as the phone saw it (actions queued without signal arrive late).
        const now = resolveOccurredAt(
          claimed,
          serverNow,
          previous
            ? { at: previous.occurredAt, step: previous.status, byOthers: previous.actor !== principal.userId }
            : null,
        );
        const actor = principal.userId;
        // Job ids name the van and the ride's version: a ride moved between vans, or an action
        // repeated after a correction, must not be taken for a duplicate of an earlier job.
        const refresh = async (job: DispatchJob.RefreshVehiclePlan | DispatchJob.ReplanAfterCancel) => {
          if (job === DispatchJob.ReplanAfterCancel) {
            await enqueueInTransaction(em, {
              name: job,
              payload: { rideId: ride.id, vehicleId: live.vehicleId },
              jobId: `replan-after-no-show.${ride.id}`,
            });
          } else {
            await enqueueInTransaction(em, {
              name: job,
              payload: { vehicleId: live.vehicleId },
              jobId: `refresh-plan.${live.vehicleId}.${ride.id}.v${ride.version}`,
            });
          }
        };
        switch (action) {
          case 'arrive': {
            const allowedAt = noShowAllowedAt(serverNow, await this.settingsOf(em, ride.areaId));
            await transitionRide(em, ride, RideStatus.Arrived, {
              at: now,
              actor,
              patch: { arrivedAt: now, noShowAllowedAt: allowedAt },
            });
            await enqueueInTransaction(em, {
              name: DispatchJob.NoShowDue,
              payload: { rideId: ride.id },
              jobId: `no-show-due.${ride.id}.${ride.version}`,
              runAt: allowedAt,
            });
            await refresh(DispatchJob.RefreshVehiclePlan);
            break;
          }
          case 'pickup': {
            if (ride.status === RideStatus.Assigned)
              await transitionRide(em, ride, RideStatus.Arrived, {
                at: now,
                actor,
                note: 'arrival implied by pickup',
                patch: { arrivedAt: now },
              });
            await transitionRide(em, ride, RideStatus.OnBoard, {
              at: now,
              actor,
              patch: { pickedUpAt: now, etaPickupAt: now },
            });
            await removeRideStops(em, live.vehicleId, ride.id, ['pickup']);
            await refresh(DispatchJob.RefreshVehiclePlan);
            break;
          }
          case 'no-show': {
            if (ride.status !== RideStatus.Arrived || !ride.noShowAllowedAt) {
              throw conflict(
                ShuttleErrorCode.RideInvalidTransition,
                'A no-show can only be marked after arriving at the pickup.',
                { status: ride.status },
              );
            }
            if (now.getTime() < ride.noShowAllowedAt.getTime()) {
              throw conflict(
                ShuttleErrorCode.NoShowTooEarly,
                'Wait at the stop a little longer before marking a no-show.',
                { allowedAt: ride.noShowAllowedAt.toISOString() },
              );
            }
            await transitionRide(em, ride, RideStatus.NoShow, {
              at: now,
              actor,
              patch: { etaPickupAt: null, etaDropoffAt: null },
            });
            await removeRideStops(em, live.vehicleId, ride.id, ['pickup', 'dropoff']);
            await refresh(DispatchJob.ReplanAfterCancel);
            break;
          }
          case 'dropoff': {
            await transitionRide(em, ride, RideStatus.Completed, {
              at: now,
              actor,
              patch: { droppedOffAt: now, etaDropoffAt: now },
            });
            await removeRideStops(em, live.vehicleId, ride.id, ['dropoff']);
            await refresh(DispatchJob.RefreshVehiclePlan);
            break;
          }
          default: {
            const never: never = action;
            throw new Error(`unknown action ${String(never)}`);
          }
        }
        const payload = rideStatusPayload(ride, { id: vehicle.id, label: vehicle.label, plate: vehicle.plate });
        firstRun.announce = () => this.publisher.publish(rideRooms(ride), 'ride.status', payload);
        return this.rides.toDto(em, ride);
      },
    );
    if (firstRun.announce) {
      this.relay.kick();
      firstRun.announce();
    }
    return result.body;
  }

  private async settingsOf(em: EntityManager, areaId: string): Promise<ShuttleSettings> {
    const area = await em.getRepository(ServiceAreaEntity).findOneByOrFail({ id: areaId });
    return resolveShuttleSettings(area.settings, this.config.shuttle);
  }

  private async context(em: EntityManager, principal: Principal): Promise<DriverContext> {
    const live = await em
      .getRepository(VehicleLiveStateEntity)
      .findOneBy({ driverUserId: principal.userId, shiftId: Not(IsNull()) });
    if (!live) throw conflict(ShuttleErrorCode.ShiftNotActive, 'Start your shift first.');
    const vehicle = await em.getRepository(VehicleEntity).findOneByOrFail({ id: live.vehicleId });
    return { live, vehicle };
  }
}
