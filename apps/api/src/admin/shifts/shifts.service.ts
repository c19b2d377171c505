import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere, In, LessThan, MoreThan, Not } from 'typeorm';
import {
  lockAreaPlanning,
  ShiftEntity,
  StaffEntity,
  UserAreaEntity,
  VehicleEntity,
  VehicleLiveStateEntity,
} from '@app/database';
import {
  conflict,
  ErrorCodes,
  findOverlap,
  Interval,
  invalid,
  notFound,
  Principal,
  shiftShrinks,
  ShiftStatus,
  validateShiftTimes,
} from '@app/domain';
import { OutboxRelayService } from '@app/queues';
import { AuditService } from '../../common/audit';
import { hasOpenWork, openWorkOfVehicle } from '../common/open-work';
import { areaFilter, assertRecordVisible } from '../common/scope';
import { enqueueVehicleUnavailable } from '../vehicles/vehicles.service';
import { AdminShiftDto, BreakDto, CreateShiftDto, ShiftQueryDto, UpdateShiftDto } from './shift.dto';

const OPEN = [ShiftStatus.Planned, ShiftStatus.Active];

/** A closed shift no longer holds its van: the driver app shows it off shift, another driver may take it. */
export async function releaseShiftVehicle(em: EntityManager, shiftId: string): Promise<void> {
  await em.getRepository(VehicleLiveStateEntity).update({ shiftId }, { shiftId: null, online: false });
}

interface Plan {
  staffId: string;
  vehicleId: string;
  start: Date;
  end: Date;
  breaks: BreakDto[];
}

@Injectable()
export class ShiftsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly relay: OutboxRelayService,
  ) {}

  async list(principal: Principal, query: ShiftQueryDto): Promise<AdminShiftDto[]> {
    const ids = areaFilter(principal, query.areaId);
    const where: FindOptionsWhere<ShiftEntity> = {
      ...(ids ? { areaId: In(ids) } : {}),
      ...(query.staffId ? { staffId: query.staffId } : {}),
      ...(query.vehicleId ? { vehicleId: query.vehicleId } : {}),
      ...(query.includeClosed ? {} : { status: In(OPEN) }),
      ...(query.from ? { plannedEnd: MoreThan(new Date(query.from)) } : {}),
      ...(query.to ? { plannedStart: LessThan(new Date(query.to)) } : {}),
    };
    const rows = await this.dataSource
      .getRepository(ShiftEntity)
      .find({ where, order: { plannedStart: 'ASC' }, take: 1000 });
    return rows.map((s) => AdminShiftDto.from(s));
  }

  async get(principal: Principal, id: string): Promise<AdminShiftDto> {
    const shift = await this.load(this.dataSource.manager, id);
    assertRecordVisible(principal, shift.areaId, ErrorCodes.SHIFT_NOT_FOUND, 'No shift has this id.');
    return AdminShiftDto.from(shift);
  }

  async create(principal: Principal, body: CreateShiftDto): Promise<AdminShiftDto> {
    return this.dataSource.transaction(async (em) => {
      const plan: Plan = {
        staffId: body.staffId,
        vehicleId: body.vehicleId,
        start: new Date(body.plannedStart),
        end: new Date(body.plannedEnd),
        breaks: body.breaks ?? [],
      };
      const { areaId, breaks } = await this.check(em, plan, null);
      const saved = await em.getRepository(ShiftEntity).save({
        staffId: plan.staffId,
        vehicleId: plan.vehicleId,
        areaId,
        plannedStart: plan.start,
        plannedEnd: plan.end,
        breaks,
        status: ShiftStatus.Planned,
      });
      const after = AdminShiftDto.from(saved);
      await this.audit.record(em, {
        actorUserId: principal.userId,
        action: 'shift.created',
        entityType: 'shift',
        entityId: saved.id,
        before: null,
        after,
      });
      return after;
    });
  }

  /** Starting later or ending earlier hands the van's open work back to the dispatcher. */
  async update(principal: Principal, id: string, body: UpdateShiftDto): Promise<AdminShiftDto> {
    const result = await this.dataSource.transaction(async (em) => {
      const shift = await this.load(em, id, true);
      this.assertOpen(shift);
      const before = AdminShiftDto.from(shift);
      const plan: Plan = {
        staffId: body.staffId ?? shift.staffId,
        vehicleId: body.vehicleId ?? shift.vehicleId,
        start: body.plannedStart ? new Date(body.plannedStart) : shift.plannedStart,
        end: body.plannedEnd ? new Date(body.plannedEnd) : shift.plannedEnd,
        breaks: body.breaks ?? shift.breaks,
      };
      if (shift.status === ShiftStatus.Active && plan.start.getTime() !== shift.plannedStart.getTime()) {
        throw conflict(
          ErrorCodes.SHIFT_ALREADY_STARTED,
          'The shift has started; its start can no longer move. End it or change its end.',
        );
      }
      const { areaId, breaks } = await this.check(em, plan, shift);
      const shrinks = shiftShrinks({ start: shift.plannedStart, end: shift.plannedEnd }, plan);
      const vanChanged = plan.vehicleId !== shift.vehicleId;
      Object.assign(shift, {
        staffId: plan.staffId,
        vehicleId: plan.vehicleId,
        areaId,
        plannedStart: plan.start,
        plannedEnd: plan.end,
        breaks,
      });
      const saved = await em.getRepository(ShiftEntity).save(shift);
      const after = AdminShiftDto.from(saved);
      await this.audit.record(em, {
        actorUserId: principal.userId,
        action: 'shift.updated',
        entityType: 'shift',
        entityId: id,
        before,
        after,
      });
      if (shrinks || vanChanged) await this.replanIfBusy(em, before.vehicleId);
      return after;
    });
    this.relay.kick();
    return result;
  }

  /** Ends a running shift now (or cancels one that has not started); its van's work is re-planned. */
  async end(principal: Principal, id: string): Promise<AdminShiftDto> {
    return this.close(principal, id, 'end');
  }

  async cancel(principal: Principal, id: string): Promise<AdminShiftDto> {
    return this.close(principal, id, 'cancel');
  }

  private async close(principal: Principal, id: string, how: 'end' | 'cancel'): Promise<AdminShiftDto> {
    const result = await this.dataSource.transaction(async (em) => {
      // The planner's area lock first, row locks after: the driver app takes them in that order too.
      await lockAreaPlanning(em, (await this.load(em, id)).areaId);
      const shift = await this.load(em, id, true);
      this.assertOpen(shift);
      const before = AdminShiftDto.from(shift);
      const now = new Date();
      const started = shift.plannedStart <= now || shift.status === ShiftStatus.Active;
      if (how === 'end' && !started)
        throw conflict(ErrorCodes.SHIFT_NOT_STARTED, 'The shift has not started; cancel it instead.');
      Object.assign(
        shift,
        how === 'end' ? { status: ShiftStatus.Ended, endedAt: now } : { status: ShiftStatus.Cancelled },
      );
      const after = AdminShiftDto.from(await em.getRepository(ShiftEntity).save(shift));
      await this.audit.record(em, {
        actorUserId: principal.userId,
        action: how === 'end' ? 'shift.ended' : 'shift.cancelled',
        entityType: 'shift',
        entityId: id,
        before,
        after,
      });
      await releaseShiftVehicle(em, shift.id);
      await this.replanIfBusy(em, shift.vehicleId);
      return after;
    });
    this.relay.kick();
    return result;
  }

  private async replanIfBusy(em: EntityManager, vehicleId: string): Promise<void> {
    if (hasOpenWork(await openWorkOfVehicle(em, vehicleId)))
      await enqueueVehicleUnavailable(em, vehicleId, 'shift_ended');
  }

  /**
   * Locks the person and the van (always in that order, so two writers cannot deadlock) and then
   * checks the overlap: two concurrent requests for one person or van are serialised, not both let in.
   */
  private async check(
    em: EntityManager,
    plan: Plan,
    self: ShiftEntity | null,
  ): Promise<{ areaId: string; breaks: Array<{ start: string; end: string }> }> {
    const sorted = validateShiftTimes(
      { start: plan.start, end: plan.end },
      plan.breaks.map((b) => ({ start: new Date(b.start), end: new Date(b.end) })),
    );
    if (plan.end <= new Date())
      throw invalid(
        ErrorCodes.SHIFT_TIMES_INVALID,
        'The shift would already be over; plan shifts that end in the future.',
      );
    const staff = await em
      .getRepository(StaffEntity)
      .findOne({ where: { id: plan.staffId }, lock: { mode: 'pessimistic_write' } });
    if (!staff) throw invalid(ErrorCodes.STAFF_NOT_FOUND, 'No staff member has this staffId.');
    if (!staff.active)
      throw invalid(
        ErrorCodes.STAFF_INACTIVE,
        'The staff member is deactivated; reactivate them or choose someone else.',
      );
    const van = await em
      .getRepository(VehicleEntity)
      .findOne({ where: { id: plan.vehicleId }, lock: { mode: 'pessimistic_write' } });
    if (!van) throw invalid(ErrorCodes.VEHICLE_NOT_FOUND, 'No van has this vehicleId.');
    if (!(await em.getRepository(UserAreaEntity).existsBy({ userId: staff.userId, areaId: van.areaId }))) {
      throw invalid(
        ErrorCodes.SHIFT_STAFF_NOT_IN_AREA,
        "The person does not work in the van's service area; add the area to their profile first.",
      );
    }
    const candidate: Interval = { start: plan.start, end: plan.end };
    const others = (where: FindOptionsWhere<ShiftEntity>) =>
      em.getRepository(ShiftEntity).find({
        where: {
          ...where,
          status: In(OPEN),
          plannedStart: LessThan(plan.end),
          plannedEnd: MoreThan(plan.start),
          ...(self ? { id: Not(self.id) } : {}),
        },
      });
    const asIntervals = (rows: ShiftEntity[]) =>
      rows.map((r) => ({ id: r.id, start: r.plannedStart, end: r.plannedEnd }));
    const staffClash = findOverlap(candidate, asIntervals(await others({ staffId: plan.staffId })));
    if (staffClash) {
      throw conflict(
        ErrorCodes.SHIFT_OVERLAPS_STAFF,
        `The person already works ${staffClash.start.toISOString()}-${staffClash.end.toISOString()}; move this shift or change that one.`,
        {
          shiftId: staffClash.id,
          plannedStart: staffClash.start.toISOString(),
          plannedEnd: staffClash.end.toISOString(),
        },
      );
    }
    const vanClash = findOverlap(candidate, asIntervals(await others({ vehicleId: plan.vehicleId })));
    if (vanClash) {
      throw conflict(
        ErrorCodes.SHIFT_OVERLAPS_VEHICLE,
        `The van is already rostered ${vanClash.start.toISOString()}-${vanClash.end.toISOString()}; choose another van or time.`,
        {
          shiftId: vanClash.id,
          plannedStart: vanClash.start.toISOString(),
          plannedEnd: vanClash.end.toISOString(),
        },
      );
    }
    return {
      areaId: van.areaId,
      breaks: sorted.map((b) => ({ start: b.start.toISOString(), end: b.end.toISOString() })),
    };
  }

  private assertOpen(shift: ShiftEntity): void {
    if (!OPEN.includes(shift.status))
      throw conflict(ErrorCodes.SHIFT_CLOSED, `The shift is ${shift.status}; plan a new one instead.`);
  }

  private async load(em: EntityManager, id: string, lock = false): Promise<ShiftEntity> {
    const shift = await em
      .getRepository(ShiftEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!shift) throw notFound(ErrorCodes.SHIFT_NOT_FOUND, 'No shift has this id.');
    return shift;
  }
}
