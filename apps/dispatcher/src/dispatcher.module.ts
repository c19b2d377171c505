import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { HealthModule, loggingModule, MetricsModule } from '@app/http';
import { NotificationsModule } from '@app/notifications';
import { QueuesModule } from '@app/queues';
import { RealtimeModule } from '@app/realtime';
import { PipelineCheckHandler } from './diagnostics/pipeline-check.handler';
import { DispatchProcessor } from './dispatch.processor';
import { NotificationsProcessor } from './notifications/notifications.processor';
import { ShuttleDispatchModule } from './shuttle/shuttle-dispatch.module';
import { LuggageDispatchModule } from './luggage/luggage-dispatch.module';

@Module({})
export class DispatcherModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DispatcherModule,
      imports: [
        ConfigModule.forRoot(config),
        loggingModule(config, 'dispatcher'),
        DatabaseModule.forRoot(),
        QueuesModule.forRoot({ relayOutbox: false }),
        RealtimeModule,
        HealthModule,
        MetricsModule,
        ShuttleDispatchModule,
        LuggageDispatchModule,
        NotificationsModule,
      ],
      providers: [DispatchProcessor, NotificationsProcessor, PipelineCheckHandler],
    };
  }
}
