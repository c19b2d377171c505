import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { DevMessagesController } from './dev-messages.controller';
import { NotificationsController } from './notifications.controller';

/** Staff's view of the messages; the development outbox page everywhere but production. */
@Module({})
export class NotificationsApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: NotificationsApiModule,
      controllers: [NotificationsController, ...(config.env === 'production' ? [] : [DevMessagesController])],
    };
  }
}
