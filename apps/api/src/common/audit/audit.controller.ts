import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, LessThan, Repository } from 'typeorm';
import { Roles } from '@app/auth';
import { AuditLogEntity } from '@app/database';
import { Role } from '@app/domain';
import { AuditEntryDto, AuditPageDto, AuditQueryDto } from './audit.dto';

@ApiTags('admin: audit log')
@ApiBearerAuth()
@Controller('v1/admin/audit-log')
@Roles(Role.Admin)
export class AuditController {
  constructor(@InjectRepository(AuditLogEntity) private readonly log: Repository<AuditLogEntity>) {}

  @Get()
  @ApiOperation({
    summary: 'Who changed what and when, newest first, with before/after',
    description: 'Admins only. Page with `before`.',
  })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const limit = query.limit ?? 50;
    const where: FindOptionsWhere<AuditLogEntity> = {};
    if (query.entityType) where.entityType = query.entityType;
    if (query.entityId) where.entityId = query.entityId;
    if (query.actorUserId) where.actorUserId = query.actorUserId;
    if (query.action) where.action = query.action;
    if (query.before) where.id = LessThan(query.before);
    const rows = await this.log.find({ where, order: { id: 'DESC' }, take: limit + 1 });
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => AuditEntryDto.from(r)),
      nextBefore: rows.length > limit ? page[page.length - 1].id : null,
    };
  }
}
