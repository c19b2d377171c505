import { DispatchJob } from './queue-names';
import { OutboxJob } from './outbox';

/** Debounce bucket of a luggage day re-plan: requests within this window share one job. */
export const LUGGAGE_REPLAN_BUCKET_MS = 10_000;

/**
 * The debounced re-plan of an area's luggage day: one job per area, service date and 10 s
 * bucket, run at the end of the bucket (for the outbox: enqueueInTransaction(em, job)).
 */
export function luggageReplanJob(
  areaId: string,
  serviceDate: string,
  now: Date,
): OutboxJob<DispatchJob.ReplanLuggageDay> & { runAt: Date } {
  const bucket = Math.floor(now.getTime() / LUGGAGE_REPLAN_BUCKET_MS);
  return {
    name: DispatchJob.ReplanLuggageDay,
    payload: { areaId, serviceDate },
    jobId: `luggage-replan.${areaId}.${serviceDate}.${bucket}`,
    runAt: new Date((bucket + 1) * LUGGAGE_REPLAN_BUCKET_MS),
  };
}
