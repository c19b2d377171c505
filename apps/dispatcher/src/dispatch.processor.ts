import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { DispatchJob, dispatchPayloadSchemas, QueueName } from '@app/queues';
import { PipelineCheckHandler } from './diagnostics/pipeline-check.handler';

function parse<K extends DispatchJob>(name: K, data: unknown) {
  const result = dispatchPayloadSchemas[name].safeParse(data);
  // Bad input will never become good: fail the job without retries.
  if (!result.success) throw new UnrecoverableError(`invalid ${name} payload: ${result.error.issues[0]?.message}`);
  return result.data;
}

/** The one consumer of the dispatch queue: an exhaustive switch over job names. */
@Processor(QueueName.Dispatch, { concurrency: 4 })
export class DispatchProcessor extends WorkerHost {
  constructor(private readonly pipelineCheck: PipelineCheckHandler) {
    super();
  }

  async process(job: Job): Promise<void> {
    const name = job.name as DispatchJob;
    switch (name) {
      case DispatchJob.PipelineCheck:
        return this.pipelineCheck.handle(parse(name, job.data));
      default: {
        const unknown: never = name;
        throw new UnrecoverableError(`unknown job ${String(unknown)}`);
      }
    }
  }
}
