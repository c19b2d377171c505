import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { PlaceEntity, ServiceAreaEntity } from '@app/database';
import {
  conflict,
  containsPoint,
  ErrorCodes,
  HolidayRule,
  invalid,
  notFound,
  PlaceKind,
  Principal,
  ServiceWindow,
  validateAreaSettings,
  validateHolidays,
  validatePolygon,
  validateServiceHours,
} from '@app/domain';
import { AuditService } from '../../common/audit';
import { areaFilter, assertAreaVisible } from '../common/scope';
import { mapConstraintError } from '../common/transaction';
import {
  AdminAreaDto,
  AreaSettingsDto,
  CreateAreaDto,
  HOLIDAYS_KEY,
  HolidayInputDto,
  toAdminArea,
  UpdateAreaDto,
} from './area.dto';

function checkTimezone(zone: string): string {
  if (!DateTime.now().setZone(zone).isValid)
    throw invalid(ErrorCodes.AREA_TIMEZONE_INVALID, `"${zone}" is not an IANA time zone such as "Asia/Seoul".`);
  return zone;
}

const holidaysOf = (input: HolidayInputDto[]): HolidayRule[] =>
  validateHolidays(
    input.map((h) => ({
      date: h.date,
      ...(h.name ? { name: { ko: h.name.ko, en: h.name.en } } : {}),
      hours: (h.hours ?? []).map((w) => ({ opens: w.opens, closes: w.closes })),
    })),
  );

/** Settings are merged: keys other teams use (airport buffers, evening windows) survive an edit. */
function mergeSettings(current: Record<string, unknown>, input: AreaSettingsDto | undefined): Record<string, unknown> {
  const given = Object.fromEntries(Object.entries(input ?? {}).filter(([, v]) => v !== undefined));
  const merged = { ...current, ...given };
  validateAreaSettings(merged);
  return merged;
}

@Injectable()
export class AreasService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal): Promise<AdminAreaDto[]> {
    const ids = areaFilter(principal);
    const rows = await this.dataSource
      .getRepository(ServiceAreaEntity)
      .find({ where: ids ? { id: In(ids) } : {}, order: { code: 'ASC' } });
    return rows.map(toAdminArea);
  }

  async get(principal: Principal, id: string): Promise<AdminAreaDto> {
    assertAreaVisible(principal, id);
    return toAdminArea(await this.load(this.dataSource.manager, id));
  }

  async create(principal: Principal, body: CreateAreaDto): Promise<AdminAreaDto> {
    const boundary = validatePolygon(body.boundary);
    const serviceHours = validateServiceHours(body.serviceHours) as ServiceWindow[];
    const holidays = holidaysOf(body.holidays ?? []);
    const settings = { ...mergeSettings({}, body.settings), [HOLIDAYS_KEY]: holidays };
    const timezone = checkTimezone(body.timezone ?? 'Asia/Seoul');
    try {
      return await this.dataSource.transaction(async (em) => {
        if (await em.getRepository(ServiceAreaEntity).existsBy({ code: body.code })) {
          throw conflict(ErrorCodes.AREA_CODE_TAKEN, `An area with code "${body.code}" exists; choose another code.`);
        }
        const saved = await em.getRepository(ServiceAreaEntity).save({
          code: body.code,
          nameKo: body.name.ko,
          nameEn: body.name.en,
          kind: body.kind,
          boundary,
          timezone,
          serviceHours,
          settings,
        });
        const after = toAdminArea(saved);
        await this.audit.record(em, {
          actorUserId: principal.userId,
          action: 'area.created',
          entityType: 'area',
          entityId: saved.id,
          before: null,
          after,
        });
        return after;
      });
    } catch (e) {
      throw mapConstraintError(e, {
        unique: [ErrorCodes.AREA_CODE_TAKEN, `An area with code "${body.code}" exists; choose another code.`],
      });
    }
  }

  async update(principal: Principal, id: string, body: UpdateAreaDto): Promise<AdminAreaDto> {
    const boundary = body.boundary ? validatePolygon(body.boundary) : undefined;
    const serviceHours = body.serviceHours ? (validateServiceHours(body.serviceHours) as ServiceWindow[]) : undefined;
    const holidays = body.holidays ? holidaysOf(body.holidays) : undefined;
    if (body.timezone) checkTimezone(body.timezone);
    return this.dataSource.transaction(async (em) => {
      const area = await this.load(em, id, true);
      const before = toAdminArea(area);
      if (boundary) {
        // A boundary that leaves live places outside would strand their bookings: move or retire them first.
        // Travellers' one-off addresses are not the area's catalogue: a smaller area may leave them out.
        const places = await em
          .getRepository(PlaceEntity)
          .findBy({ areaId: id, retiredAt: IsNull(), kind: Not(PlaceKind.Home) });
        const outside = places.filter((p) => !containsPoint(boundary, p));
        if (outside.length > 0) {
          throw invalid(
            ErrorCodes.AREA_EXCLUDES_PLACES,
            `The new boundary leaves ${outside.length} active place(s) outside (${outside
              .slice(0, 5)
              .map((p) => p.code)
              .join(', ')}); include them, or move or retire them first.`,
            {
              places: outside.map((p) => ({ id: p.id, code: p.code })),
            },
          );
        }
        area.boundary = boundary;
      }
      if (body.name) [area.nameKo, area.nameEn] = [body.name.ko, body.name.en];
      if (body.timezone) area.timezone = body.timezone;
      if (serviceHours) area.serviceHours = serviceHours;
      const { [HOLIDAYS_KEY]: currentHolidays, ...currentSettings } = area.settings ?? {};
      area.settings = {
        ...mergeSettings(currentSettings, body.settings),
        [HOLIDAYS_KEY]: holidays ?? currentHolidays ?? [],
      };
      const saved = await em.getRepository(ServiceAreaEntity).save(area);
      const after = toAdminArea(saved);
      await this.audit.record(em, {
        actorUserId: principal.userId,
        action: 'area.updated',
        entityType: 'area',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  private async load(em: EntityManager, id: string, lock = false): Promise<ServiceAreaEntity> {
    const area = await em
      .getRepository(ServiceAreaEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!area) throw notFound(ErrorCodes.AREA_NOT_FOUND, 'No service area has this id.');
    return area;
  }
}
