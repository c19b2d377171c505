import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ApiProblems } from './openapi/api-problems.decorator';
import { RedisHealthIndicator } from './redis.health';
import { ErrorCodes } from '@app/domain';

/** The same /health in every app: green when its Postgres and Redis answer. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and readiness: database and Redis reachability' })
  // Terminus answers 503 with its report in `details` when a check fails.
  @ApiProblems([ErrorCodes.HTTP_ERROR, 503])
  check() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 1500 }),
      () => this.redis.pingCheck('redis', this.config.redis.url),
    ]);
  }
}
