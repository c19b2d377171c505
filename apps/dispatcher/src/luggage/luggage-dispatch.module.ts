import { Module } from '@nestjs/common';
import { LuggagePlanningModule } from '@app/planning';
import { PlanningModule } from '../planning/planning.module';
import { PlanLuggageBookingHandler } from './plan-luggage-booking.handler';
import { ReplanLuggageDayHandler } from './replan-luggage-day.handler';

const HANDLERS = [PlanLuggageBookingHandler, ReplanLuggageDayHandler];

/** LuggagePlanner comes from libs/planning's module, registered once there; the handlers call it. */
@Module({
  imports: [PlanningModule, LuggagePlanningModule],
  providers: HANDLERS,
  exports: [...HANDLERS, LuggagePlanningModule],
})
export class LuggageDispatchModule {}
