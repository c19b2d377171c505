import { z } from 'zod';

/** One queue per concern. */
export enum QueueName {
  Dispatch = 'dispatch',
  /** Messages to people: a slow SMS provider must not hold up a ride's assignment. */
  Notifications = 'notifications',
}

export enum DispatchJob {
  /** Diagnostic: proves api → queue → dispatcher → gateway works, touching no booking. */
  PipelineCheck = 'pipeline-check',
  /** Shuttle: insert a requested ride into the live plans of its area (or reject it). */
  AssignRide = 'assign-ride',
  /** Shuttle: a scheduled ride's time is near; it becomes a request (delayed job). */
  ActivateScheduledRide = 'activate-scheduled-ride',
  /** Shuttle: a ride left a van's plan (cancel, no-show): re-time that van and tell everyone. */
  ReplanAfterCancel = 'replan-after-cancel',
  /** Shuttle: a driver event changed a van's plan: re-time it from where the van is. */
  RefreshVehiclePlan = 'refresh-vehicle-plan',
  /** Shuttle: the driver may now mark the rider a no-show (delayed job from arrival). */
  NoShowDue = 'no-show-due',
  /** A van stops taking work: its riders not yet picked up move to other vans or are told. */
  VehicleUnavailable = 'vehicle-unavailable',
  /** Luggage: fit a new booking into its day's plan (or flag it at risk). */
  PlanLuggageBooking = 'plan-luggage-booking',
  /** Luggage: re-plan an area's day (debounced: one job per area, day and 10 s bucket). */
  ReplanLuggageDay = 'replan-luggage-day',
  /** Send one recorded notification through its channel (retried, then its fallback channel). */
  DeliverNotification = 'deliver-notification',
}

export type DispatchPayload = {
  [DispatchJob.PipelineCheck]: { checkId: string };
  [DispatchJob.AssignRide]: { rideId: string };
  [DispatchJob.ActivateScheduledRide]: { rideId: string };
  [DispatchJob.ReplanAfterCancel]: { rideId: string; vehicleId: string };
  [DispatchJob.RefreshVehiclePlan]: { vehicleId: string };
  [DispatchJob.NoShowDue]: { rideId: string };
  [DispatchJob.VehicleUnavailable]: { vehicleId: string; reason: 'offline' | 'out_of_service' | 'shift_ended' };
  [DispatchJob.PlanLuggageBooking]: { bookingId: string };
  [DispatchJob.ReplanLuggageDay]: { areaId: string; serviceDate: string };
  [DispatchJob.DeliverNotification]: { notificationId: string };
};

/** The queue a job runs on: its own for messages, the dispatch queue for everything else. */
export function queueOfJob(name: DispatchJob): QueueName {
  return name === DispatchJob.DeliverNotification ? QueueName.Notifications : QueueName.Dispatch;
}

const uuid = z.string().uuid();

/** Job payloads cross a process boundary: the consumer validates them again with these. */
export const dispatchPayloadSchemas: { [K in DispatchJob]: z.ZodType<DispatchPayload[K]> } = {
  [DispatchJob.PipelineCheck]: z.object({ checkId: uuid }).strict(),
  [DispatchJob.AssignRide]: z.object({ rideId: uuid }).strict(),
  [DispatchJob.ActivateScheduledRide]: z.object({ rideId: uuid }).strict(),
  [DispatchJob.ReplanAfterCancel]: z.object({ rideId: uuid, vehicleId: uuid }).strict(),
  [DispatchJob.RefreshVehiclePlan]: z.object({ vehicleId: uuid }).strict(),
  [DispatchJob.NoShowDue]: z.object({ rideId: uuid }).strict(),
  [DispatchJob.VehicleUnavailable]: z
    .object({ vehicleId: uuid, reason: z.enum(['offline', 'out_of_service', 'shift_ended']) })
    .strict(),
  [DispatchJob.PlanLuggageBooking]: z.object({ bookingId: uuid }).strict(),
  [DispatchJob.ReplanLuggageDay]: z
    .object({ areaId: uuid, serviceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })
    .strict(),
  [DispatchJob.DeliverNotification]: z.object({ notificationId: uuid }).strict(),
};

/** Retries with backoff for transient failures; completed jobs are kept briefly for the dashboard. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential' as const, delay: 250 },
  removeOnComplete: { age: 3600, count: 5000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
