import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { HealthModule, loggingModule } from '@app/http';
import { LiveGateway } from './live.gateway';

@Module({})
export class GatewayModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [ConfigModule.forRoot(config), loggingModule(config, 'gateway'), DatabaseModule.forRoot(), AuthModule, HealthModule],
      providers: [LiveGateway],
    };
  }
}
