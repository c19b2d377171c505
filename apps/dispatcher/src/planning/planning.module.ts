import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Clock, SystemClock } from '@app/domain';
import { createTravelTimeProvider, TRAVEL_TIME_PROVIDER } from '@app/planning';

/** The shared fleet-planning seam: travel times and the clock, for every planner. */
@Global()
@Module({
  providers: [
    { provide: TRAVEL_TIME_PROVIDER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createTravelTimeProvider(config) },
    { provide: Clock, useClass: SystemClock },
  ],
  exports: [TRAVEL_TIME_PROVIDER, Clock],
})
export class PlanningModule {}
