import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
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
  ) {
    super();
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
      default: {
        const unknown: never = name;
        throw new UnrecoverableError(`unknown job ${String(unknown)}`);
      }
    }
  }
}
