import { Injectable } from '@nestjs/common';
import { DispatchJob, DispatchPayload } from '@app/queues';
import { LuggagePlanner } from '@app/planning';

@Injectable()
export class ReplanLuggageDayHandler {
  constructor(private readonly planner: LuggagePlanner) {}

  async handle({ areaId, serviceDate }: DispatchPayload[DispatchJob.ReplanLuggageDay]): Promise<void> {
    await this.planner.replanDay(areaId, serviceDate);
  }
}
