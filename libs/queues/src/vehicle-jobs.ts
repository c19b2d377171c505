import { DispatchJob, DispatchPayload } from './queue-names';
import { OutboxJob } from './outbox';

/**
 * Tells the dispatcher a van can no longer carry its planned work (offline, out of service,
 * shift ended); the handler re-plans it. One job per change, hence the time in the id.
 */
export function vehicleUnavailableJob(
  vehicleId: string,
  reason: DispatchPayload[DispatchJob.VehicleUnavailable]['reason'],
  now: Date,
): OutboxJob<DispatchJob.VehicleUnavailable> {
  return {
    name: DispatchJob.VehicleUnavailable,
    payload: { vehicleId, reason },
    jobId: `vehicle-unavailable.${vehicleId}.${now.getTime()}`,
  };
}
