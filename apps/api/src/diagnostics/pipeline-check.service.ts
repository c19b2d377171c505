import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PipelineCheckEntity, ServiceAreaEntity } from '@app/database';
import { ErrorCodes, forbidden, invalid, notFound, Principal, Role, worksInArea } from '@app/domain';
import { DispatchJob, enqueueInTransaction, OutboxRelayService } from '@app/queues';
import { PipelineCheckDto } from './pipeline-check.dto';

@Injectable()
export class PipelineCheckService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelayService,
  ) {}

  async create(principal: Principal, areaId?: string): Promise<PipelineCheckDto> {
    if (areaId) {
      if (!worksInArea(principal, areaId)) {
        throw forbidden(ErrorCodes.AREA_FORBIDDEN, 'You do not dispatch this area.');
      }
      if (!(await this.dataSource.getRepository(ServiceAreaEntity).existsBy({ id: areaId }))) {
        throw invalid(ErrorCodes.AREA_NOT_FOUND, 'No service area has this id.');
      }
    }
    // The row and its job commit together; the relay enqueues after commit.
    const row = await this.dataSource.transaction(async (em) => {
      const saved = await em
        .getRepository(PipelineCheckEntity)
        .save({ requestedBy: principal.userId, areaId: areaId ?? null });
      await enqueueInTransaction(em, {
        name: DispatchJob.PipelineCheck,
        payload: { checkId: saved.id },
        jobId: `pipeline-check.${saved.id}`,
      });
      return saved;
    });
    this.relay.kick();
    return PipelineCheckDto.from(row);
  }

  async get(principal: Principal, id: string): Promise<PipelineCheckDto> {
    const row = await this.dataSource.getRepository(PipelineCheckEntity).findOneBy({ id });
    if (!row || (principal.role !== Role.Admin && row.requestedBy !== principal.userId)) {
      throw notFound(ErrorCodes.PIPELINE_CHECK_NOT_FOUND, 'No such pipeline check.');
    }
    return PipelineCheckDto.from(row);
  }
}
