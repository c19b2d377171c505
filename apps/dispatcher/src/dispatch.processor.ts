import { Logger } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { ShuttlePlanner } from '@app/planning';
import { DispatchJob, dispatchPayloadSchemas, QueueName } from '@app/queues';
import { PipelineCheckHandler } from './diagnostics/pipeline-check.handler';
import { ActivateScheduledRideHandler } from './shuttle/activate-scheduled-ride.handler';
import { AssignRideHandler } from './shuttle/assign-ride.handler';
import { NoShowDueHandler } from './shuttle/no-show-due.handler';
import { ReplanVehicleHandler } from './shuttle/replan-after-cancel.handler';
import { VehicleUnavailableHandler } from './shuttle/vehicle-unavailable.handler';
import { PlanLuggageBookingHandler } from './luggage/plan-luggage-booking.handler';
import { ReplanLuggageDayHandler } from './luggage/replan-luggage-day.handler';

function parse<K extends DispatchJob>(name: K, data: unknown) {
  const result = dispatchPayloadSchemas[name].safeParse(data);
  // Bad input will never become good: fail the job without retries.
  if (!result.success) throw new UnrecoverableError(`invalid ${name} payload: ${result.error.issues[0]?.message}`);
  return result.data;
}

/** The one consumer of the dispatch queue: an exhaustive switch over job names. */
// A short lock lets a crashed worker's active jobs be taken over within seconds, not a minute.
@Processor(QueueName.Dispatch, { concurrency: 4, lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 3 })
export class DispatchProcessor extends WorkerHost {
  constructor(
    private readonly pipelineCheck: PipelineCheckHandler,
    private readonly assignRide: AssignRideHandler,
    private readonly activateScheduledRide: ActivateScheduledRideHandler,
    private readonly replanVehicle: ReplanVehicleHandler,
    private readonly noShowDue: NoShowDueHandler,
    private readonly vehicleUnavailable: VehicleUnavailableHandler,
    private readonly planLuggageBooking: PlanLuggageBookingHandler,
    private readonly replanLuggageDay: ReplanLuggageDayHandler,
    private readonly shuttlePlanner: ShuttlePlanner,
  ) {
    super();
  }

  private readonly logger = new Logger(DispatchProcessor.name);

  /**
   * A ride request whose job failed for good (every attempt, or unrecoverable) would stay
   * `requested` forever: reject it with DISPATCH_FAILED so the rider hears it.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job || (job.name !== DispatchJob.AssignRide && job.name !== DispatchJob.ActivateScheduledRide)) return;
    const final =
      error instanceof UnrecoverableError ||
      error?.name === 'UnrecoverableError' ||
      job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) return;
    const payload = dispatchPayloadSchemas[DispatchJob.AssignRide].safeParse(job.data);
    if (!payload.success) return;
    try {
      const rejected = await this.shuttlePlanner.rejectUndispatchable(
        payload.data.rideId,
        `${job.name} failed after ${job.attemptsMade} attempts: ${error?.message ?? 'unknown error'}`.slice(0, 300),
      );
      if (rejected) this.logger.warn(`ride ${payload.data.rideId} rejected with DISPATCH_FAILED: ${error?.message}`);
    } catch (e) {
      this.logger.error(`could not reject ride ${payload.data.rideId} after its job failed: ${(e as Error).message}`);
    }
  }

  async process(job: Job): Promise<void> {
    const name = job.name as DispatchJob;
    switch (name) {
      case DispatchJob.PipelineCheck:
        return this.pipelineCheck.handle(parse(name, job.data));
      case DispatchJob.AssignRide:
        return this.assignRide.handle(parse(name, job.data));
      case DispatchJob.ActivateScheduledRide:
        return this.activateScheduledRide.handle(parse(name, job.data));
      case DispatchJob.ReplanAfterCancel:
        return this.replanVehicle.afterCancel(parse(name, job.data));
      case DispatchJob.RefreshVehiclePlan:
        return this.replanVehicle.refresh(parse(name, job.data));
      case DispatchJob.NoShowDue:
        return this.noShowDue.handle(parse(name, job.data));
      case DispatchJob.VehicleUnavailable:
        return this.vehicleUnavailable.handle(parse(name, job.data));
      case DispatchJob.PlanLuggageBooking:
        return this.planLuggageBooking.handle(parse(name, job.data));
      case DispatchJob.ReplanLuggageDay:
        return this.replanLuggageDay.handle(parse(name, job.data));
      case DispatchJob.DeliverNotification:
        // Runs on its own queue (queueOfJob): see NotificationsProcessor.
        throw new UnrecoverableError(`${name} belongs to the ${QueueName.Notifications} queue`);
      default: {
        const unknown: never = name;
        throw new UnrecoverableError(`unknown job ${String(unknown)}`);
      }
    }
  }
}
