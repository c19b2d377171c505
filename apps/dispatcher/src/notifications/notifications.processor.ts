import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { DeliverNotificationHandler } from '@app/notifications';
import { DispatchJob, dispatchPayloadSchemas, QueueName } from '@app/queues';

/**
 * The one consumer of the notifications queue. Its own worker, so a provider taking its time
 * (up to the channel's timeout) never holds up a ride's assignment on the dispatch queue. The lock is
 * renewed while a send runs; a short one lets a killed worker's job be taken over within seconds.
 */
@Processor(QueueName.Notifications, {
  concurrency: 8,
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 3,
})
export class NotificationsProcessor extends WorkerHost {
  constructor(private readonly deliver: DeliverNotificationHandler) {
    super();
  }

  async process(job: Job): Promise<void> {
    if (job.name !== DispatchJob.DeliverNotification)
      throw new UnrecoverableError(`unknown job ${job.name} on the notifications queue`);
    const payload = dispatchPayloadSchemas[DispatchJob.DeliverNotification].safeParse(job.data);
    // Bad input will never become good: fail the job without retries.
    if (!payload.success)
      throw new UnrecoverableError(`invalid ${job.name} payload: ${payload.error.issues[0]?.message}`);
    return this.deliver.handle(payload.data, { attemptsMade: job.attemptsMade, maxAttempts: job.opts.attempts ?? 1 });
  }
}
