import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { LuggagePlanner } from './luggage-planner';
import { createTravelTimeProvider, TRAVEL_TIME_PROVIDER } from './travel-time.factory';

/**
 * The luggage planner for an app that plans luggage days (the dispatcher's jobs). The app
 * provides the Clock; plans are serialised with every other planner by the area planning lock.
 */
@Module({
  providers: [
    {
      provide: TRAVEL_TIME_PROVIDER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createTravelTimeProvider(config),
    },
    LuggagePlanner,
  ],
  exports: [LuggagePlanner],
})
export class LuggagePlanningModule {}
