import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { NotificationsModule } from '@app/notifications';
import { ShuttleNotifier } from './shuttle-notifier';
import { ShuttlePlanner } from './shuttle-planner';
import { createTravelTimeProvider, TRAVEL_TIME_PROVIDER } from './travel-time.factory';

/**
 * The shuttle planner for an app that plans on request (the api's dispatcher moves). The app
 * provides the Clock; plans are serialised with the dispatcher by the area planning lock.
 */
@Module({
  imports: [NotificationsModule],
  providers: [
    {
      provide: TRAVEL_TIME_PROVIDER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createTravelTimeProvider(config),
    },
    ShuttleNotifier,
    ShuttlePlanner,
  ],
  exports: [ShuttlePlanner],
})
export class ShuttlePlanningModule {}
