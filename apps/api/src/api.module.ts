import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokenGuard, AuthModule } from '@app/auth';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { HealthModule, loggingModule, MetricsModule } from '@app/http';
import { QueuesModule } from '@app/queues';
import { RealtimeModule } from '@app/realtime';
import { AuthApiModule } from './auth/auth-api.module';
import { AppThrottlerGuard, rateLimitModule } from './common/rate-limit/rate-limit';
import { QueueDashboardModule } from './queue-dashboard/queue-dashboard.module';
import { CatalogModule } from './catalog/catalog.module';
import { DiagnosticsModule } from './diagnostics/diagnostics.module';
import { LuggageModule } from './luggage/luggage.module';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './common/audit';
import { ClockModule } from './common/clock/clock.module';
import { IdempotencyModule } from './common/idempotency';
import { ShuttleApiModule } from './shuttle/shuttle-api.module';
import { DriverApiModule } from './driver/driver-api.module';
import { WebConfigModule } from './web-config/web-config.module';
import { FiguresModule } from './figures/figures.module';
import { NotificationsApiModule } from './notifications/notifications-api.module';

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
        MetricsModule,
        rateLimitModule(),
        QueueDashboardModule,
        AuthApiModule,
        CatalogModule,
        DiagnosticsModule,
        LuggageModule,
        AuditModule,
        AdminModule,
        ClockModule,
        IdempotencyModule,
        ShuttleApiModule,
        DriverApiModule,
        WebConfigModule,
        FiguresModule,
        NotificationsApiModule.forRoot(config),
      ],
      // Order matters: the throttler keys bookings by the principal the token guard sets.
      providers: [
        { provide: APP_GUARD, useClass: AccessTokenGuard },
        { provide: APP_GUARD, useClass: AppThrottlerGuard },
      ],
    };
  }
}
