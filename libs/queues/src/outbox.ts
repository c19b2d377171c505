import { EntityManager } from 'typeorm';
import { OutboxMessageEntity } from '@app/database';
import { DispatchJob, DispatchPayload, queueOfJob } from './queue-names';

export interface OutboxJob<K extends DispatchJob> {
  name: K;
  payload: DispatchPayload[K];
  /** Deduplication key: the same logical job always gets the same id. */
  jobId: string;
  runAt?: Date;
}

/** Records a job inside the caller's transaction; the relay enqueues it after commit. */
export async function enqueueInTransaction<K extends DispatchJob>(em: EntityManager, job: OutboxJob<K>): Promise<void> {
  // BullMQ refuses ids with ':' (its key separator); a refused row would block the relay, so
  // refuse it here, inside the caller's transaction, where it rolls back cleanly.
  if (!/^[\w.-]{1,120}$/.test(job.jobId))
    throw new Error(`invalid job id "${job.jobId}": use letters, digits, '.', '-' or '_'`);
  await em.getRepository(OutboxMessageEntity).insert({
    queue: queueOfJob(job.name),
    jobName: job.name,
    payload: job.payload as never,
    jobId: job.jobId,
    runAt: job.runAt ?? null,
  });
}
