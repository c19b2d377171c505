import { Injectable } from '@nestjs/common';
import { DispatchJob, DispatchPayload } from '@app/queues';
import { ShuttlePlanner } from '@app/planning';

/** A ride was requested: place it on a van or reject it with alternatives. */
@Injectable()
export class AssignRideHandler {
  constructor(private readonly planner: ShuttlePlanner) {}

  handle({ rideId }: DispatchPayload[DispatchJob.AssignRide]): Promise<void> {
    return this.planner.assign(rideId);
  }
}
