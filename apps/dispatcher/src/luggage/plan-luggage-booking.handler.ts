import { Injectable } from '@nestjs/common';
import { DispatchJob, DispatchPayload } from '@app/queues';
import { LuggagePlanner } from '@app/planning';

@Injectable()
export class PlanLuggageBookingHandler {
  constructor(private readonly planner: LuggagePlanner) {}

  handle({ bookingId }: DispatchPayload[DispatchJob.PlanLuggageBooking]): Promise<void> {
    return this.planner.planBooking(bookingId);
  }
}
