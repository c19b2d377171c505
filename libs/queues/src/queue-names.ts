import { z } from 'zod';

/** One queue per concern. */
export enum QueueName {
  Dispatch = 'dispatch',
}

export enum DispatchJob {
  /** Diagnostic: proves api → queue → dispatcher → gateway works, touching no booking. */
  PipelineCheck = 'pipeline-check',
}

export type DispatchPayload = {
  [DispatchJob.PipelineCheck]: { checkId: string };
};

const uuid = z.string().uuid();

/** Job payloads cross a process boundary: the consumer validates them again with these. */
export const dispatchPayloadSchemas: { [K in DispatchJob]: z.ZodType<DispatchPayload[K]> } = {
  [DispatchJob.PipelineCheck]: z.object({ checkId: uuid }).strict(),
};

/** Retries with backoff for transient failures; completed jobs are kept briefly for the dashboard. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential' as const, delay: 250 },
  removeOnComplete: { age: 3600, count: 5000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
