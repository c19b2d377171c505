import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { CompanyEntity, PlaceEntity, ServiceAreaEntity, UserEntity } from '@app/database';
import { conflict, ErrorCodes, ErrorCodeWith, invalid, notFound, Principal, Role } from '@app/domain';
import { AuditService } from '../../common/audit';
import { areaFilter, assertRecordVisible } from '../common/scope';
import { mapConstraintError } from '../common/transaction';
import { AdminCompanyDto, CompanyQueryDto, CompanyRiderDto, CreateCompanyDto, UpdateCompanyDto } from './company.dto';

const codeTaken = (code: string): [ErrorCodeWith<409>, string] => [
  ErrorCodes.COMPANY_CODE_TAKEN,
  `Employer code "${code}" belongs to another company; choose another.`,
];

@Injectable()
export class CompaniesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: CompanyQueryDto): Promise<AdminCompanyDto[]> {
    const ids = areaFilter(principal, query.areaId);
    const rows = await this.dataSource
      .getRepository(CompanyEntity)
      .find({ where: ids ? { areaId: In(ids) } : {}, order: { nameKo: 'ASC' } });
    return rows.map((c) => AdminCompanyDto.from(c));
  }

  async get(principal: Principal, id: string): Promise<AdminCompanyDto> {
    const c = await this.load(this.dataSource.manager, id);
    assertRecordVisible(principal, c.areaId, ErrorCodes.COMPANY_NOT_FOUND, 'No company has this id.');
    return AdminCompanyDto.from(c);
  }

  async riders(principal: Principal, id: string): Promise<CompanyRiderDto[]> {
    const c = await this.load(this.dataSource.manager, id);
    assertRecordVisible(principal, c.areaId, ErrorCodes.COMPANY_NOT_FOUND, 'No company has this id.');
    const users = await this.dataSource
      .getRepository(UserEntity)
      .find({ where: { companyId: id, role: Role.Rider }, order: { displayName: 'ASC' } });
    return users.map((u) => CompanyRiderDto.from(u));
  }

  async create(principal: Principal, body: CreateCompanyDto): Promise<AdminCompanyDto> {
    try {
      return await this.dataSource.transaction(async (em) => {
        if (!(await em.getRepository(ServiceAreaEntity).existsBy({ id: body.areaId })))
          throw invalid(ErrorCodes.AREA_NOT_FOUND, 'No service area has this areaId.');
        if (body.placeId) await this.assertPlace(em, body.placeId, body.areaId);
        if (await em.getRepository(CompanyEntity).existsBy({ employerCode: body.employerCode }))
          throw conflict(...codeTaken(body.employerCode));
        const saved = await em.getRepository(CompanyEntity).save({
          areaId: body.areaId,
          nameKo: body.name.ko,
          nameEn: body.name.en,
          employerCode: body.employerCode,
          placeId: body.placeId ?? null,
          suspendedAt: null,
        });
        const after = AdminCompanyDto.from(saved);
        await this.audit.record(em, {
          actorUserId: principal.userId,
          action: 'company.created',
          entityType: 'company',
          entityId: saved.id,
          before: null,
          after,
        });
        return after;
      });
    } catch (e) {
      throw mapConstraintError(e, { unique: codeTaken(body.employerCode) });
    }
  }

  async update(principal: Principal, id: string, body: UpdateCompanyDto): Promise<AdminCompanyDto> {
    try {
      return await this.change(principal, id, 'company.updated', async (em, c) => {
        if (body.placeId) await this.assertPlace(em, body.placeId, c.areaId);
        if (
          body.employerCode &&
          body.employerCode !== c.employerCode &&
          (await em.getRepository(CompanyEntity).existsBy({ employerCode: body.employerCode }))
        ) {
          throw conflict(...codeTaken(body.employerCode));
        }
        if (body.name) [c.nameKo, c.nameEn] = [body.name.ko, body.name.en];
        if (body.employerCode) c.employerCode = body.employerCode;
        if (body.placeId !== undefined) c.placeId = body.placeId;
      });
    } catch (e) {
      throw mapConstraintError(e, { unique: codeTaken(body.employerCode ?? '') });
    }
  }

  /** Suspended: the company's riders cannot book until it is reinstated; rides already booked stand. */
  suspend(principal: Principal, id: string, reason?: string): Promise<AdminCompanyDto> {
    return this.change(
      principal,
      id,
      'company.suspended',
      (_em, c) => {
        c.suspendedAt ??= new Date();
        return Promise.resolve();
      },
      reason,
    );
  }

  reinstate(principal: Principal, id: string): Promise<AdminCompanyDto> {
    return this.change(principal, id, 'company.reinstated', (_em, c) => {
      c.suspendedAt = null;
      return Promise.resolve();
    });
  }

  private async change(
    principal: Principal,
    id: string,
    action: string,
    apply: (em: EntityManager, c: CompanyEntity) => Promise<void>,
    reason?: string,
  ): Promise<AdminCompanyDto> {
    return this.dataSource.transaction(async (em) => {
      const c = await this.load(em, id, true);
      const before = AdminCompanyDto.from(c);
      await apply(em, c);
      const after = AdminCompanyDto.from(await em.getRepository(CompanyEntity).save(c));
      await this.audit.record(em, {
        actorUserId: principal.userId,
        action,
        entityType: 'company',
        entityId: id,
        before,
        after: reason ? { ...after, reason } : after,
      });
      return after;
    });
  }

  private async assertPlace(em: EntityManager, placeId: string, areaId: string): Promise<void> {
    const place = await em.getRepository(PlaceEntity).findOneBy({ id: placeId });
    if (!place || place.areaId !== areaId)
      throw invalid(ErrorCodes.COMPANY_PLACE_INVALID, "The company's place must be a place of its own area.");
  }

  private async load(em: EntityManager, id: string, lock = false): Promise<CompanyEntity> {
    const c = await em
      .getRepository(CompanyEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!c) throw notFound(ErrorCodes.COMPANY_NOT_FOUND, 'No company has this id.');
    return c;
  }
}
