import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { HealthModule, loggingModule, MetricsModule } from '@app/http';
import { LiveGateway } from './live.gateway';
import { TrackingAccess } from './tracking-access';

@Module({})
export class GatewayModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forRoot(config),
        loggingModule(config, 'gateway'),
        DatabaseModule.forRoot(),
        AuthModule,
        HealthModule,
        MetricsModule,
      ],
      providers: [LiveGateway, TrackingAccess],
    };
  }
}
