export * from './problem.filter';
export * from './logging';
export * from './health.module';
export * from './redis.health';
export * from './http-app';
export * from './boot';
export * from './metrics/metrics.service';
export * from './metrics/metrics.module';
