import { Module } from '@nestjs/common';
import { PlanningModule } from '../planning/planning.module';
import { LuggagePlanner } from './luggage-planner';
import { PlanLuggageBookingHandler } from './plan-luggage-booking.handler';
import { ReplanLuggageDayHandler } from './replan-luggage-day.handler';

const HANDLERS = [PlanLuggageBookingHandler, ReplanLuggageDayHandler];

@Module({
  imports: [PlanningModule],
  providers: [LuggagePlanner, ...HANDLERS],
  exports: [LuggagePlanner, ...HANDLERS],
})
export class LuggageDispatchModule {}
