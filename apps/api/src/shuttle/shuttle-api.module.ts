import { Module } from '@nestjs/common';
import { ShuttlePlanningModule } from '@app/planning';
import { AuthApiModule } from '../auth/auth-api.module';
import { RiderAccountsService } from './rider-accounts.service';
import { DispatchRidesController, RidersController, RidesController } from './rides.controller';
import { RidesService } from './rides.service';
import { ShuttleAreasController } from './shuttle-areas.controller';

@Module({
  imports: [AuthApiModule, ShuttlePlanningModule],
  controllers: [RidersController, RidesController, DispatchRidesController, ShuttleAreasController],
  providers: [RidesService, RiderAccountsService],
  exports: [RidesService],
})
export class ShuttleApiModule {}
