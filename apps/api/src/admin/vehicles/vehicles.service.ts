import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { PlaceEntity, ServiceAreaEntity, VehicleEntity } from '@app/database';
import {
  conflict,
  ErrorCodes,
  ErrorCodeWith,
  invalid,
  normalisePlate,
  notFound,
  Principal,
  ServiceKind,
  validateVehicleCapacity,
} from '@app/domain';
import { enqueueInTransaction, OutboxRelayService, vehicleUnavailableJob } from '@app/queues';
import { AuditService } from '../../common/audit';
import { hasOpenWork, openWorkOfVehicle } from '../common/open-work';
import { areaFilter, assertRecordVisible } from '../common/scope';
import { mapConstraintError } from '../common/transaction';
import {
  AdminVehicleDto,
  CreateVehicleDto,
  UpdateVehicleDto,
  VehicleQueryDto,
  VehicleServiceChangeDto,
} from './vehicle.dto';

const plateTaken = (plate: string): [ErrorCodeWith<409>, string] => [
  ErrorCodes.VEHICLE_PLATE_TAKEN,
  `A van with plate "${plate}" is registered already.`,
];

/** Tells the dispatcher a van can no longer carry its planned work; the handler re-plans it. */
export async function enqueueVehicleUnavailable(
  em: EntityManager,
  vehicleId: string,
  reason: 'out_of_service' | 'shift_ended',
): Promise<void> {
  await enqueueInTransaction(em, vehicleUnavailableJob(vehicleId, reason, new Date()));
}

@Injectable()
export class VehiclesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly relay: OutboxRelayService,
  ) {}

  async list(principal: Principal, query: VehicleQueryDto): Promise<AdminVehicleDto[]> {
    const ids = areaFilter(principal, query.areaId);
    const rows = await this.dataSource
      .getRepository(VehicleEntity)
      .find({ where: ids ? { areaId: In(ids) } : {}, order: { plate: 'ASC' } });
    return rows.map((v) => AdminVehicleDto.from(v));
  }

  async get(principal: Principal, id: string): Promise<AdminVehicleDto> {
    const v = await this.load(this.dataSource.manager, id);
    assertRecordVisible(principal, v.areaId, ErrorCodes.VEHICLE_NOT_FOUND, 'No van has this id.');
    return AdminVehicleDto.from(v);
  }

  async create(principal: Principal, body: CreateVehicleDto): Promise<AdminVehicleDto> {
    const plate = normalisePlate(body.plate);
    try {
      return await this.dataSource.transaction(async (em) => {
        const area = await em.getRepository(ServiceAreaEntity).findOneBy({ id: body.areaId });
        if (!area) throw invalid(ErrorCodes.AREA_NOT_FOUND, 'No service area has this areaId.');
        validateVehicleCapacity({
          seats: body.seats,
          bagSlots: body.bagSlots,
          needsSeats: area.kind === ServiceKind.Shuttle,
        });
        if (area.kind === ServiceKind.Luggage && !body.homePlaceId) throw homeRequired();
        if (body.homePlaceId) await this.assertHome(em, body.homePlaceId, area.id);
        if (await em.getRepository(VehicleEntity).existsBy({ plate })) throw conflict(...plateTaken(plate));
        const saved = await em.getRepository(VehicleEntity).save({
          areaId: area.id,
          plate,
          label: body.label,
          seats: body.seats,
          bagSlots: body.bagSlots,
          wheelchairAccessible: body.wheelchairAccessible,
          homePlaceId: body.homePlaceId ?? null,
          inService: true,
        });
        const after = AdminVehicleDto.from(saved);
        await this.audit.record(em, {
          actorUserId: principal.userId,
          action: 'vehicle.created',
          entityType: 'vehicle',
          entityId: saved.id,
          before: null,
          after,
        });
        return after;
      });
    } catch (e) {
      throw mapConstraintError(e, { unique: plateTaken(plate) });
    }
  }

  async update(principal: Principal, id: string, body: UpdateVehicleDto): Promise<AdminVehicleDto> {
    const plate = body.plate ? normalisePlate(body.plate) : undefined;
    try {
      return await this.dataSource.transaction(async (em) => {
        const v = await this.load(em, id, true);
        const before = AdminVehicleDto.from(v);
        const area = await em.getRepository(ServiceAreaEntity).findOneByOrFail({ id: v.areaId });
        const seats = body.seats ?? v.seats;
        const bagSlots = body.bagSlots ?? v.bagSlots;
        validateVehicleCapacity({ seats, bagSlots, needsSeats: area.kind === ServiceKind.Shuttle });
        // Fewer seats, bags or no wheelchair place may not fit the planned route; the planner cannot shrink a van under its load.
        const shrinks =
          seats < v.seats || bagSlots < v.bagSlots || (v.wheelchairAccessible && body.wheelchairAccessible === false);
        if (shrinks && hasOpenWork(await openWorkOfVehicle(em, id))) {
          throw conflict(
            ErrorCodes.VEHICLE_HAS_OPEN_WORK,
            'The van has open work; reduce its capacity once that is done, or take it out of service first.',
          );
        }
        if (area.kind === ServiceKind.Luggage && body.homePlaceId === null) throw homeRequired();
        if (body.homePlaceId) await this.assertHome(em, body.homePlaceId, v.areaId);
        if (plate && plate !== v.plate && (await em.getRepository(VehicleEntity).existsBy({ plate })))
          throw conflict(...plateTaken(plate));
        Object.assign(v, {
          plate: plate ?? v.plate,
          label: body.label ?? v.label,
          seats,
          bagSlots,
          wheelchairAccessible: body.wheelchairAccessible ?? v.wheelchairAccessible,
          homePlaceId: body.homePlaceId === undefined ? v.homePlaceId : body.homePlaceId,
        });
        const saved = await em.getRepository(VehicleEntity).save(v);
        const after = AdminVehicleDto.from(saved);
        await this.audit.record(em, {
          actorUserId: principal.userId,
          action: 'vehicle.updated',
          entityType: 'vehicle',
          entityId: id,
          before,
          after,
        });
        return after;
      });
    } catch (e) {
      throw mapConstraintError(e, { unique: plateTaken(plate ?? '') });
    }
  }

  /**
   * Out of service: the van takes no new work and its open work is handed to the dispatcher to
   * re-plan, in the same transaction, so a crash cannot leave bookings on a van that is gone.
   */
  async takeOutOfService(principal: Principal, id: string, reason?: string): Promise<VehicleServiceChangeDto> {
    const result = await this.dataSource.transaction(async (em) => {
      const v = await this.load(em, id, true);
      // Dispatchers may take vans off service in their own areas (the audit names them).
      assertRecordVisible(principal, v.areaId, ErrorCodes.VEHICLE_NOT_FOUND, 'No van has this id.');
      const openWork = await openWorkOfVehicle(em, id);
      if (!v.inService) return { vehicle: AdminVehicleDto.from(v), openWork };
      const before = AdminVehicleDto.from(v);
      v.inService = false;
      const saved = await em.getRepository(VehicleEntity).save(v);
      const after = AdminVehicleDto.from(saved);
      await enqueueVehicleUnavailable(em, id, 'out_of_service');
      await this.audit.record(em, {
        actorUserId: principal.userId,
        action: 'vehicle.out_of_service',
        entityType: 'vehicle',
        entityId: id,
        before,
        after: { ...after, reason: reason ?? null, openWork },
      });
      return { vehicle: after, openWork };
    });
    this.relay.kick();
    return result;
  }

  async returnToService(principal: Principal, id: string): Promise<AdminVehicleDto> {
    return this.dataSource.transaction(async (em) => {
      const v = await this.load(em, id, true);
      assertRecordVisible(principal, v.areaId, ErrorCodes.VEHICLE_NOT_FOUND, 'No van has this id.');
      if (v.inService) return AdminVehicleDto.from(v);
      const before = AdminVehicleDto.from(v);
      v.inService = true;
      const after = AdminVehicleDto.from(await em.getRepository(VehicleEntity).save(v));
      await this.audit.record(em, {
        actorUserId: principal.userId,
        action: 'vehicle.in_service',
        entityType: 'vehicle',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** Deletion is for vans registered by mistake; a van with work or history is taken out of service. */
  async remove(principal: Principal, id: string): Promise<void> {
    try {
      await this.dataSource.transaction(async (em) => {
        const v = await this.load(em, id, true);
        const open = await openWorkOfVehicle(em, id);
        if (hasOpenWork(open)) {
          throw conflict(
            ErrorCodes.VEHICLE_HAS_OPEN_WORK,
            `The van has ${open.rides} open ride(s) and ${open.luggageBookings} open luggage booking(s); take it out of service instead (its work is then re-planned).`,
            { ...open },
          );
        }
        const before = AdminVehicleDto.from(v);
        await em.getRepository(VehicleEntity).delete({ id });
        await this.audit.record(em, {
          actorUserId: principal.userId,
          action: 'vehicle.deleted',
          entityType: 'vehicle',
          entityId: id,
          before,
          after: null,
        });
      });
    } catch (e) {
      throw mapConstraintError(e, {
        foreignKey: [
          ErrorCodes.VEHICLE_HAS_HISTORY,
          'Shifts, rides or plans refer to this van; take it out of service instead of deleting it.',
        ],
      });
    }
  }

  private async assertHome(em: EntityManager, placeId: string, areaId: string): Promise<void> {
    const place = await em.getRepository(PlaceEntity).findOneBy({ id: placeId });
    if (!place || place.areaId !== areaId)
      throw invalid(ErrorCodes.VEHICLE_HOME_INVALID, "The home depot must be a place of the van's own area.");
  }

  private async load(em: EntityManager, id: string, lock = false): Promise<VehicleEntity> {
    const v = await em
      .getRepository(VehicleEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!v) throw notFound(ErrorCodes.VEHICLE_NOT_FOUND, 'No van has this id.');
    return v;
  }
}

/** The luggage planner starts and ends a van's day at its home depot: without one the van would be skipped silently. */
const homeRequired = () =>
  invalid(
    ErrorCodes.VEHICLE_HOME_REQUIRED,
    'A luggage van needs a home depot (homePlaceId): its day starts and ends there.',
  );
