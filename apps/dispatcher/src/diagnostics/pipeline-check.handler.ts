import { hostname } from 'node:os';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PipelineCheckEntity } from '@app/database';
import { DispatchPayload, DispatchJob } from '@app/queues';
import { RealtimePublisher, Rooms } from '@app/realtime';

/** Marks the probe processed, commits, then tells the requester (and its area board). */
@Injectable()
export class PipelineCheckHandler {
  private readonly worker = `dispatcher@${hostname()}:${process.pid}`;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: RealtimePublisher,
  ) {}

  async handle({ checkId }: DispatchPayload[DispatchJob.PipelineCheck]): Promise<void> {
    const repo = this.dataSource.getRepository(PipelineCheckEntity);
    // Idempotent: a retried job finds processed_at set and only republishes the same facts.
    await repo
      .createQueryBuilder()
      .update()
      .set({ processedAt: () => 'now()', processedBy: this.worker })
      .where('id = :id AND processed_at IS NULL', { id: checkId })
      .execute();
    const row = await repo.findOneBy({ id: checkId });
    if (!row?.processedAt) return; // deleted meanwhile: nothing to tell
    const rooms = [Rooms.user(row.requestedBy), ...(row.areaId ? [Rooms.area(row.areaId)] : [])];
    this.publisher.publish(rooms, 'pipeline.checked', {
      version: row.processedAt.getTime(),
      checkId: row.id,
      requestedAt: row.requestedAt.toISOString(),
      processedAt: row.processedAt.toISOString(),
      processedBy: row.processedBy ?? this.worker,
    });
  }
}
