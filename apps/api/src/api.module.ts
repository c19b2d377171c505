import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokenGuard, AuthModule } from '@app/auth';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { HealthModule, loggingModule } from '@app/http';
import { QueuesModule } from '@app/queues';
import { RealtimeModule } from '@app/realtime';
import { AuthApiModule } from './auth/auth-api.module';
import { CatalogModule } from './catalog/catalog.module';
import { DiagnosticsModule } from './diagnostics/diagnostics.module';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        loggingModule(config, 'api'),
        DatabaseModule.forRoot(),
        QueuesModule.forRoot({ relayOutbox: true }),
        RealtimeModule,
        AuthModule,
        HealthModule,
        AuthApiModule,
        CatalogModule,
        DiagnosticsModule,
      ],
      providers: [{ provide: APP_GUARD, useClass: AccessTokenGuard }],
    };
  }
}
