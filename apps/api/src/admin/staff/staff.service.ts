import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, MoreThan } from 'typeorm';
import { hashPassword } from '@app/auth';
import { NotificationRecorder } from '@app/notifications';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  AccountTokenEntity,
  AccountTokenPurpose,
  lockAreaPlanning,
  RefreshTokenEntity,
  ServiceAreaEntity,
  ShiftEntity,
  StaffEntity,
  UserAreaEntity,
  UserEntity,
} from '@app/database';
import { conflict, ErrorCodes, ErrorCodeWith, invalid, notFound, Principal, Role, ShiftStatus } from '@app/domain';
import { OutboxRelayService } from '@app/queues';
import { AuditService } from '../../common/audit';
import { hasOpenWork, openWorkOfVehicle } from '../common/open-work';
import { areaFilter } from '../common/scope';
import { mapConstraintError } from '../common/transaction';
import { AdminShiftDto } from '../shifts/shift.dto';
import { releaseShiftVehicle } from '../shifts/shifts.service';
import { enqueueVehicleUnavailable } from '../vehicles/vehicles.service';
import { issueAccountToken, sha256 } from './account-tokens';
import { staffInviteNotifications } from './staff-notifications';
import {
  AccountLinkDto,
  AdminStaffDto,
  CreateStaffDto,
  InviteInfoDto,
  StaffInvitedDto,
  StaffQueryDto,
  UpdateStaffDto,
} from './staff.dto';

const emailTaken = (email: string): [ErrorCodeWith<409>, string] => [
  ErrorCodes.STAFF_EMAIL_TAKEN,
  `An account with email "${email}" exists already.`,
];

@Injectable()
export class StaffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly relay: OutboxRelayService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationRecorder,
  ) {}

  async list(principal: Principal, query: StaffQueryDto): Promise<AdminStaffDto[]> {
    const ids = areaFilter(principal, query.areaId);
    const em = this.dataSource.manager;
    let staffRows = await em
      .getRepository(StaffEntity)
      .find({ where: query.includeInactive ? {} : { active: true }, relations: { user: true } });
    const links = await em.getRepository(UserAreaEntity).findBy({ userId: In(staffRows.map((s) => s.userId)) });
    const areasOf = (userId: string) => links.filter((l) => l.userId === userId).map((l) => l.areaId);
    if (ids) staffRows = staffRows.filter((s) => areasOf(s.userId).some((a) => ids.includes(a)));
    return staffRows
      .map((s) => AdminStaffDto.from(s, s.user!, areasOf(s.userId)))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'ko'));
  }

  async get(principal: Principal, id: string): Promise<AdminStaffDto> {
    const dto = await this.snapshot(this.dataSource.manager, id);
    if (!areaFilter(principal) || dto.areaIds.some((a) => principal.areaIds.includes(a))) return dto;
    throw notFound(ErrorCodes.STAFF_NOT_FOUND, 'No staff member has this id.');
  }

  /** Creates the account without a password and returns a single-use invite link to set one. */
  async create(principal: Principal, body: CreateStaffDto): Promise<StaffInvitedDto> {
    const email = body.email.toLowerCase();
    try {
      const result = await this.dataSource.transaction(async (em) => {
        await this.assertAreas(em, body.areaIds);
        if (await em.getRepository(UserEntity).existsBy({ email })) throw conflict(...emailTaken(email));
        const user = await em.getRepository(UserEntity).save({
          email,
          displayName: body.displayName,
          role: Role.Staff,
          locale: body.language,
          passwordHash: null,
          companyId: null,
          phone: null,
        });
        const staff = await em
          .getRepository(StaffEntity)
          .save({ userId: user.id, kind: body.kind, phone: body.phone, language: body.language, active: true });
        if (body.areaIds.length)
          await em.getRepository(UserAreaEntity).insert(body.areaIds.map((areaId) => ({ userId: user.id, areaId })));
        const after = AdminStaffDto.from(staff, user, body.areaIds);
        const link = await issueAccountToken(em, {
          userId: user.id,
          purpose: AccountTokenPurpose.Invite,
          createdBy: principal.userId,
        });
        await this.audit.record(em, {
          actorUserId: principal.userId,
          action: 'staff.invited',
          entityType: 'staff',
          entityId: staff.id,
          before: null,
          after: { ...after, inviteExpiresAt: link.expiresAt },
        });
        const invite = this.linkDto(AccountTokenPurpose.Invite, link);
        await this.notifications.record(
          em,
          staffInviteNotifications(staff, user, body.areaIds[0] ?? null, { ...link, url: invite.url }),
        );
        return { staff: after, invite };
      });
      this.relay.kick();
      return result;
    } catch (e) {
      throw mapConstraintError(e, { unique: emailTaken(email) });
    }
  }

  async update(principal: Principal, id: string, body: UpdateStaffDto): Promise<AdminStaffDto> {
    return this.dataSource.transaction(async (em) => {
      const before = await this.snapshot(em, id, true);
      const staff = await em.getRepository(StaffEntity).findOneByOrFail({ id });
      if (body.displayName || body.language) {
        await em.getRepository(UserEntity).update(staff.userId, {
          ...(body.displayName ? { displayName: body.displayName } : {}),
          ...(body.language ? { locale: body.language } : {}),
        });
      }
      await em.getRepository(StaffEntity).update(id, {
        ...(body.kind ? { kind: body.kind } : {}),
        ...(body.phone ? { phone: body.phone } : {}),
        ...(body.language ? { language: body.language } : {}),
      });
      if (body.areaIds) {
        await this.assertAreas(em, body.areaIds);
        const removed = before.areaIds.filter((a) => !body.areaIds!.includes(a));
        const stranded = removed.length
          ? await em.getRepository(ShiftEntity).findBy({
              staffId: id,
              areaId: In(removed),
              status: In([ShiftStatus.Planned, ShiftStatus.Active]),
              plannedEnd: MoreThan(new Date()),
            })
          : [];
        if (stranded.length) {
          throw conflict(
            ErrorCodes.STAFF_HAS_SHIFTS_IN_AREA,
            `The person has ${stranded.length} planned shift(s) in an area being removed; cancel or move them first.`,
            { shiftIds: stranded.map((x) => x.id) },
          );
        }
        await em.getRepository(UserAreaEntity).delete({ userId: staff.userId });
        if (body.areaIds.length)
          await em
            .getRepository(UserAreaEntity)
            .insert(body.areaIds.map((areaId) => ({ userId: staff.userId, areaId })));
      }
      const after = await this.snapshot(em, id);
      await this.audit.record(em, {
        actorUserId: principal.userId,
        action: 'staff.updated',
        entityType: 'staff',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** A new single-use link to set a new password or PIN; the old one keeps working until it is used. */
  async issueReset(principal: Principal, id: string): Promise<AccountLinkDto> {
    return this.dataSource.transaction(async (em) => {
      const before = await this.snapshot(em, id, true);
      if (!before.active)
        throw conflict(ErrorCodes.STAFF_INACTIVE, 'The staff member is deactivated; reactivate them first.');
      const link = await issueAccountToken(em, {
        userId: before.userId,
        purpose: AccountTokenPurpose.Reset,
        createdBy: principal.userId,
      });
      await this.audit.record(em, {
        actorUserId: principal.userId,
        action: 'staff.credentials_reset_issued',
        entityType: 'staff',
        entityId: id,
        before,
        after: { ...before, resetExpiresAt: link.expiresAt },
      });
      return this.linkDto(AccountTokenPurpose.Reset, link);
    });
  }

  /**
   * Deactivated: cannot sign in, sessions and links revoked, future shifts cancelled and a running
   * one ended (its van's work re-planned). The account and its history stay.
   */
  async deactivate(principal: Principal, id: string): Promise<AdminStaffDto> {
    const result = await this.dataSource.transaction(async (em) => {
      // The planner's area locks first (sorted, so two writers cannot deadlock), row locks after.
      const areas = await em.getRepository(ShiftEntity).find({
        select: { areaId: true },
        where: { staffId: id, status: In([ShiftStatus.Planned, ShiftStatus.Active]) },
      });
      for (const areaId of [...new Set(areas.map((a) => a.areaId))].sort()) await lockAreaPlanning(em, areaId);
      const before = await this.snapshot(em, id, true);
      if (!before.active) return before;
      const now = new Date();
      await em.getRepository(UserEntity).update(before.userId, { deactivatedAt: now });
      await em.getRepository(StaffEntity).update(id, { active: false });
      await em
        .getRepository(RefreshTokenEntity)
        .update({ userId: before.userId, revokedAt: IsNull() }, { revokedAt: now });
      await em
        .getRepository(AccountTokenEntity)
        .update({ userId: before.userId, usedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: now });
      const shifts = await em.getRepository(ShiftEntity).find({
        where: { staffId: id, status: In([ShiftStatus.Planned, ShiftStatus.Active]), plannedEnd: MoreThan(now) },
        lock: { mode: 'pessimistic_write' },
      });
      for (const shift of shifts) {
        const shiftBefore = AdminShiftDto.from(shift);
        const running = shift.plannedStart <= now;
        Object.assign(shift, running ? { status: ShiftStatus.Ended, endedAt: now } : { status: ShiftStatus.Cancelled });
        await em.getRepository(ShiftEntity).save(shift);
        await releaseShiftVehicle(em, shift.id);
        await this.audit.record(em, {
          actorUserId: principal.userId,
          action: running ? 'shift.ended' : 'shift.cancelled',
          entityType: 'shift',
          entityId: shift.id,
          before: shiftBefore,
          after: AdminShiftDto.from(shift),
        });
        if (running && hasOpenWork(await openWorkOfVehicle(em, shift.vehicleId)))
          await enqueueVehicleUnavailable(em, shift.vehicleId, 'shift_ended');
      }
      const after = await this.snapshot(em, id);
      await this.audit.record(em, {
        actorUserId: principal.userId,
        action: 'staff.deactivated',
        entityType: 'staff',
        entityId: id,
        before,
        after,
      });
      return after;
    });
    this.relay.kick();
    return result;
  }

  async reactivate(principal: Principal, id: string): Promise<AdminStaffDto> {
    return this.dataSource.transaction(async (em) => {
      const before = await this.snapshot(em, id, true);
      if (before.active) return before;
      await em.getRepository(UserEntity).update(before.userId, { deactivatedAt: null });
      await em.getRepository(StaffEntity).update(id, { active: true });
      const after = await this.snapshot(em, id);
      await this.audit.record(em, {
        actorUserId: principal.userId,
        action: 'staff.reactivated',
        entityType: 'staff',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  async inviteInfo(token: string): Promise<InviteInfoDto> {
    const row = await this.usableToken(this.dataSource.manager, token);
    const user = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: row.userId });
    return {
      purpose: row.purpose,
      displayName: user.displayName,
      email: user.email,
      expiresAt: row.expiresAt.toISOString(),
    };
  }

  /** Public: the person behind the link sets their password or PIN. Single use. */
  async accept(token: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (em) => {
      const row = await this.usableToken(em, token, true);
      const user = await em.getRepository(UserEntity).findOneByOrFail({ id: row.userId });
      if (user.deactivatedAt)
        throw invalid(ErrorCodes.INVITE_INVALID, 'This link is no longer valid; ask an admin for a new one.');
      const now = new Date();
      await em.getRepository(AccountTokenEntity).update(row.id, { usedAt: now });
      await em.getRepository(UserEntity).update(user.id, { passwordHash });
      // A reset signs out every other session: whoever knew the old password is out.
      await em.getRepository(RefreshTokenEntity).update({ userId: user.id, revokedAt: IsNull() }, { revokedAt: now });
      const staff = await em.getRepository(StaffEntity).findOneBy({ userId: user.id });
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'account.credentials_set',
        entityType: staff ? 'staff' : 'user',
        entityId: staff?.id ?? user.id,
        before: { hasCredentials: user.passwordHash !== null },
        after: { hasCredentials: true, via: row.purpose },
      });
    });
  }

  private async usableToken(em: EntityManager, token: string, lock = false): Promise<AccountTokenEntity> {
    const row = await em.getRepository(AccountTokenEntity).findOne({
      where: { tokenHash: sha256(token) },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    // One answer for unknown, used and revoked: the endpoint reveals nothing about other links.
    if (!row || row.usedAt || row.revokedAt)
      throw notFound(ErrorCodes.INVITE_NOT_FOUND, 'This link is unknown or has been used; ask an admin for a new one.');
    if (row.expiresAt.getTime() <= Date.now())
      throw invalid(ErrorCodes.INVITE_EXPIRED, 'This link has expired; ask an admin for a new one.');
    return row;
  }

  private linkDto(purpose: AccountTokenPurpose, link: { token: string; expiresAt: Date }): AccountLinkDto {
    return {
      purpose,
      token: link.token,
      url: `${this.config.publicUrls.api}/invite/${link.token}`,
      expiresAt: link.expiresAt.toISOString(),
    };
  }

  private async assertAreas(em: EntityManager, areaIds: string[]): Promise<void> {
    if (!areaIds.length) return;
    const found = await em.getRepository(ServiceAreaEntity).countBy({ id: In(areaIds) });
    if (found !== areaIds.length) throw invalid(ErrorCodes.AREA_NOT_FOUND, 'One of areaIds is not a service area.');
  }

  private async snapshot(em: EntityManager, id: string, lock = false): Promise<AdminStaffDto> {
    const staff = await em
      .getRepository(StaffEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!staff) throw notFound(ErrorCodes.STAFF_NOT_FOUND, 'No staff member has this id.');
    const user = await em.getRepository(UserEntity).findOneByOrFail({ id: staff.userId });
    const areas = await em.getRepository(UserAreaEntity).findBy({ userId: staff.userId });
    return AdminStaffDto.from(
      staff,
      user,
      areas.map((a) => a.areaId),
    );
  }
}
