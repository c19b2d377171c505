import { Module } from '@nestjs/common';
import { PlanningModule } from '../planning/planning.module';
import { ActivateScheduledRideHandler } from './activate-scheduled-ride.handler';
import { AssignRideHandler } from './assign-ride.handler';
import { NoShowDueHandler } from './no-show-due.handler';
import { ReplanVehicleHandler } from './replan-after-cancel.handler';
import { ShuttleNotifier } from './shuttle-notifier';
import { ShuttlePlanner } from './shuttle-planner';
import { VehicleUnavailableHandler } from './vehicle-unavailable.handler';

const HANDLERS = [AssignRideHandler, ActivateScheduledRideHandler, ReplanVehicleHandler, NoShowDueHandler, VehicleUnavailableHandler];

@Module({
  imports: [PlanningModule],
  providers: [ShuttlePlanner, ShuttleNotifier, ...HANDLERS],
  exports: HANDLERS,
})
export class ShuttleDispatchModule {}
