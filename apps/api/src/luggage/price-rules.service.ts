import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PriceRuleEntity, ServiceAreaEntity } from '@app/database';
import {
  BagClass,
  ErrorCodes,
  forbidden,
  invalid,
  LuggageErrorCode,
  notFound,
  PriceRules,
  Principal,
  ServiceKind,
  validatePriceRules,
  worksInArea,
} from '@app/domain';
import { AuditService } from '../common/audit';
import { PriceRulesDto, PriceRulesInputDto } from './dto/price-rules.dto';

/** Versioned rules: a change inserts version n+1 (never updates); quotes record the version used. */
@Injectable()
export class PriceRulesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  private checkArea(principal: Principal, areaId: string) {
    if (!worksInArea(principal, areaId)) throw forbidden(ErrorCodes.AREA_FORBIDDEN, 'You do not work in this area.');
  }

  async current(principal: Principal, areaId: string, version?: number): Promise<PriceRulesDto> {
    this.checkArea(principal, areaId);
    const row = await this.dataSource
      .getRepository(PriceRuleEntity)
      .findOne({ where: { areaId, ...(version ? { version } : {}) }, order: { version: 'DESC' } });
    if (!row) throw notFound(LuggageErrorCode.PriceRulesMissing, 'No price rules for this area (and version).');
    return PriceRulesDto.from(row);
  }

  async history(principal: Principal, areaId: string): Promise<PriceRulesDto[]> {
    this.checkArea(principal, areaId);
    const rows = await this.dataSource
      .getRepository(PriceRuleEntity)
      .find({ where: { areaId }, order: { version: 'DESC' } });
    return rows.map((r) => PriceRulesDto.from(r));
  }

  async change(principal: Principal, dto: PriceRulesInputDto): Promise<PriceRulesDto> {
    const rules: PriceRules = validatePriceRules({
      baseKrw: dto.baseKrw,
      perBagKrw: {
        [BagClass.CarryOn]: dto.perBagKrw.carry_on,
        [BagClass.Suitcase]: dto.perBagKrw.suitcase,
        [BagClass.Oversize]: dto.perBagKrw.oversize,
      },
      zones: dto.zones.map((z) => ({ code: z.code, maxKm: z.maxKm, surchargeKrw: z.surchargeKrw })),
      cancellationFeeKrw: dto.cancellationFeeKrw,
    });
    const row = await this.dataSource.transaction(async (em) => {
      const area = await em
        .getRepository(ServiceAreaEntity)
        .findOne({ where: { id: dto.areaId }, lock: { mode: 'pessimistic_write' } });
      if (!area || area.kind !== ServiceKind.Luggage)
        throw invalid(ErrorCodes.AREA_NOT_FOUND, 'No luggage service area has this id.');
      const before = await em
        .getRepository(PriceRuleEntity)
        .findOne({ where: { areaId: area.id }, order: { version: 'DESC' } });
      const saved = await em
        .getRepository(PriceRuleEntity)
        .save({ areaId: area.id, version: (before?.version ?? 0) + 1, rules, createdBy: principal.userId });
      await this.audit.record(em, {
        actorUserId: principal.userId,
        action: 'price_rules.changed',
        entityType: 'price_rules',
        entityId: area.id,
        before: before ? PriceRulesDto.from(before) : null,
        after: PriceRulesDto.from(saved),
      });
      return saved;
    });
    return PriceRulesDto.from(row);
  }
}
