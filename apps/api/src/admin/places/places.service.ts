import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { CompanyEntity, PlaceEntity, ServiceAreaEntity, VehicleEntity } from '@app/database';
import {
  conflict,
  containsPoint,
  ErrorCodes,
  invalid,
  isSimulationArea,
  notFound,
  PlaceKind,
  Principal,
} from '@app/domain';
import { AuditService } from '../../common/audit';
import { hasOpenWork, openBookingsAtPlace } from '../common/open-work';
import { areaFilter, assertRecordVisible } from '../common/scope';
import { mapConstraintError } from '../common/transaction';
import { AdminPlaceDto, CreatePlaceDto, PlaceQueryDto, UpdatePlaceDto } from './place.dto';

const audited = (p: PlaceEntity) => AdminPlaceDto.from(p);

@Injectable()
export class PlacesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: PlaceQueryDto): Promise<AdminPlaceDto[]> {
    const ids = areaFilter(principal, query.areaId);
    const rows = await this.dataSource.getRepository(PlaceEntity).find({
      where: {
        ...(ids ? { areaId: In(ids) } : {}),
        ...(query.includeRetired ? {} : { retiredAt: IsNull() }),
        kind: Not(PlaceKind.Home),
      },
      order: { code: 'ASC' },
    });
    return rows.map(audited);
  }

  async get(principal: Principal, id: string): Promise<AdminPlaceDto> {
    const place = await this.load(this.dataSource.manager, id);
    assertRecordVisible(principal, place.areaId, ErrorCodes.PLACE_NOT_FOUND, 'No place has this id.');
    return audited(place);
  }

  async create(principal: Principal, body: CreatePlaceDto): Promise<AdminPlaceDto> {
    try {
      return await this.dataSource.transaction(async (em) => {
        const area = await this.areaFor(em, body.areaId, body);
        if (await em.getRepository(PlaceEntity).existsBy({ code: body.code })) {
          throw conflict(ErrorCodes.PLACE_CODE_TAKEN, `A place with code "${body.code}" exists; choose another code.`);
        }
        const saved = await em.getRepository(PlaceEntity).save({
          code: body.code,
          areaId: area.id,
          nameKo: body.name.ko,
          nameEn: body.name.en,
          kind: body.kind,
          lat: body.lat,
          lng: body.lng,
          isStop: body.isStop,
          addressKo: body.addressKo ?? null,
          retiredAt: null,
        });
        const after = audited(saved);
        await this.audit.record(em, {
          actorUserId: principal.userId,
          action: 'place.created',
          entityType: 'place',
          entityId: saved.id,
          before: null,
          after,
        });
        return after;
      });
    } catch (e) {
      throw mapConstraintError(e, {
        unique: [ErrorCodes.PLACE_CODE_TAKEN, `A place with code "${body.code}" exists; choose another code.`],
      });
    }
  }

  async update(principal: Principal, id: string, body: UpdatePlaceDto): Promise<AdminPlaceDto> {
    if ((body.lat === undefined) !== (body.lng === undefined)) {
      throw invalid(ErrorCodes.PLACE_POSITION_INCOMPLETE, 'To move a place give both lat and lng.');
    }
    return this.change(principal, id, 'place.updated', async (em, place) => {
      if (body.lat !== undefined && body.lng !== undefined) {
        const area = await em.getRepository(ServiceAreaEntity).findOneByOrFail({ id: place.areaId });
        this.assertInside(area, { lat: body.lat, lng: body.lng });
        [place.lat, place.lng] = [body.lat, body.lng];
      }
      if (body.name) [place.nameKo, place.nameEn] = [body.name.ko, body.name.en];
      if (body.kind) place.kind = body.kind;
      if (body.isStop !== undefined) place.isStop = body.isStop;
      if (body.addressKo !== undefined) place.addressKo = body.addressKo;
    });
  }

  /** Retired: kept for history and for bookings already made, offered for no new ones. */
  retire(principal: Principal, id: string): Promise<AdminPlaceDto> {
    return this.change(principal, id, 'place.retired', (_em, place) => {
      place.retiredAt ??= new Date();
      return Promise.resolve();
    });
  }

  reinstate(principal: Principal, id: string): Promise<AdminPlaceDto> {
    return this.change(principal, id, 'place.reinstated', async (em, place) => {
      const area = await em.getRepository(ServiceAreaEntity).findOneByOrFail({ id: place.areaId });
      this.assertInside(area, place);
      place.retiredAt = null;
    });
  }

  /** Only a place nothing ever used can go; anything else is retired instead. */
  async remove(principal: Principal, id: string): Promise<void> {
    try {
      await this.dataSource.transaction(async (em) => {
        const place = await this.load(em, id, true);
        const open = await openBookingsAtPlace(em, id);
        if (hasOpenWork(open)) {
          throw conflict(
            ErrorCodes.PLACE_IN_USE,
            `${open.rides + open.luggageBookings} open booking(s) start or end here; retire the place instead (it then takes no new bookings).`,
            { ...open },
          );
        }
        // These references would be silently nulled by their ON DELETE SET NULL: say so instead.
        // One after the other: a transaction is one connection.
        const companies = await em.getRepository(CompanyEntity).countBy({ placeId: id });
        const vans = await em.getRepository(VehicleEntity).countBy({ homePlaceId: id });
        if (companies + vans > 0) {
          throw conflict(
            ErrorCodes.PLACE_HAS_HISTORY,
            `${companies} compan(ies) and ${vans} van(s) refer to this place; point them elsewhere or retire the place instead.`,
          );
        }
        const before = audited(place);
        await em.getRepository(PlaceEntity).delete({ id });
        await this.audit.record(em, {
          actorUserId: principal.userId,
          action: 'place.deleted',
          entityType: 'place',
          entityId: id,
          before,
          after: null,
        });
      });
    } catch (e) {
      throw mapConstraintError(e, {
        foreignKey: [
          ErrorCodes.PLACE_HAS_HISTORY,
          'Past bookings or companies refer to this place; retire it instead.',
        ],
      });
    }
  }

  private async change(
    principal: Principal,
    id: string,
    action: string,
    apply: (em: EntityManager, place: PlaceEntity) => Promise<void>,
  ): Promise<AdminPlaceDto> {
    return this.dataSource.transaction(async (em) => {
      const place = await this.load(em, id, true);
      const before = audited(place);
      await apply(em, place);
      const saved = await em.getRepository(PlaceEntity).save(place);
      const after = audited(saved);
      await this.audit.record(em, {
        actorUserId: principal.userId,
        action,
        entityType: 'place',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  private async areaFor(
    em: EntityManager,
    areaId: string | undefined,
    point: { lat: number; lng: number },
  ): Promise<ServiceAreaEntity> {
    if (areaId) {
      const area = await em.getRepository(ServiceAreaEntity).findOneBy({ id: areaId });
      if (!area) throw invalid(ErrorCodes.AREA_NOT_FOUND, 'No service area has this areaId.');
      this.assertInside(area, point);
      return area;
    }
    // A simulator's area overlaps the real one: a place is never put in it by its position alone.
    const containing = (await em.getRepository(ServiceAreaEntity).find()).filter(
      (a) => !isSimulationArea(a) && containsPoint(a.boundary, point),
    );
    if (containing.length === 0) {
      throw invalid(
        ErrorCodes.PLACE_OUTSIDE_EVERY_AREA,
        `[${point.lat}, ${point.lng}] (lat, lng) lies outside every service area; check the coordinates or widen an area first.`,
      );
    }
    if (containing.length > 1) {
      throw invalid(
        ErrorCodes.PLACE_AREA_AMBIGUOUS,
        `The point lies in ${containing.length} areas (${containing.map((a) => a.code).join(', ')}); say which with areaId.`,
      );
    }
    return containing[0];
  }

  private assertInside(area: ServiceAreaEntity, point: { lat: number; lng: number }): void {
    if (!containsPoint(area.boundary, point)) {
      throw invalid(
        ErrorCodes.PLACE_OUTSIDE_AREA,
        `[${point.lat}, ${point.lng}] (lat, lng) lies outside the area "${area.code}"; check the coordinates (lat ≈ 37, lng ≈ 126 around Incheon) or widen the area.`,
      );
    }
  }

  private async load(em: EntityManager, id: string, lock = false): Promise<PlaceEntity> {
    const place = await em
      .getRepository(PlaceEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!place) throw notFound(ErrorCodes.PLACE_NOT_FOUND, 'No place has this id.');
    return place;
  }
}
