import { Module } from '@nestjs/common';
import { AuthApiModule } from '../auth/auth-api.module';
import { RiderAccountsService } from './rider-accounts.service';
import { DispatchRidesController, RidersController, RidesController } from './rides.controller';
import { RidesService } from './rides.service';
import { ShuttleAreasController } from './shuttle-areas.controller';

@Module({
  imports: [AuthApiModule],
  controllers: [RidersController, RidesController, DispatchRidesController, ShuttleAreasController],
  providers: [RidesService, RiderAccountsService],
  exports: [RidesService],
})
export class ShuttleApiModule {}
