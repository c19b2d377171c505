import { Module } from '@nestjs/common';
import { ShuttlePlanningModule } from '@app/planning';
import { LuggageDispatchModule } from '../luggage/luggage-dispatch.module';
import { PlanningModule } from '../planning/planning.module';
import { ActivateScheduledRideHandler } from './activate-scheduled-ride.handler';
import { AssignRideHandler } from './assign-ride.handler';
import { NoShowDueHandler } from './no-show-due.handler';
import { ReplanVehicleHandler } from './replan-after-cancel.handler';
import { VehicleUnavailableHandler } from './vehicle-unavailable.handler';

const HANDLERS = [
  AssignRideHandler,
  ActivateScheduledRideHandler,
  ReplanVehicleHandler,
  NoShowDueHandler,
  VehicleUnavailableHandler,
];

/** ShuttlePlanner (and its notifier) come from libs/planning's module, registered once there. */
@Module({
  imports: [PlanningModule, ShuttlePlanningModule, LuggageDispatchModule],
  providers: HANDLERS,
  exports: [...HANDLERS, ShuttlePlanningModule],
})
export class ShuttleDispatchModule {}
