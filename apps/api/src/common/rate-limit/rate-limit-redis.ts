import { Global, Inject, Injectable, Logger, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@app/config';
import { redisOptionsFromUrl } from '@app/queues';

/**
 * The Redis client of the rate limits: every api instance counts in the same place, so a
 * client spreading requests over instances gets no extra allowance. It never queues commands
 * while Redis is away (a request must not hang on its rate limit); the limits then fall back
 * to this process's memory.
 */
@Injectable()
export class RateLimitRedis implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('RateLimitRedis');
  readonly client: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = new Redis(
      redisOptionsFromUrl(config.redis.url, {
        keyPrefix: `${config.redis.prefix}:rate:`,
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: 2000,
      }),
    );
    this.client.on('error', (error: Error) => this.logger.warn(`rate-limit redis: ${error.message}`));
  }

  async onModuleInit(): Promise<void> {
    // Connected before the first request, so the first attempts are counted too; boot goes on without it.
    await this.client
      .connect()
      .catch((error: Error) => this.logger.warn(`rate limits count in memory until Redis is back: ${error.message}`));
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}

/** Redis-backed throttler storage that counts in memory while Redis cannot answer. */
export class ResilientThrottlerStorage implements ThrottlerStorage {
  private readonly redis: ThrottlerStorageRedisService;
  private readonly memory = new ThrottlerStorageService();

  constructor(client: Redis) {
    this.redis = new ThrottlerStorageRedisService(client);
  }

  async increment(...args: Parameters<ThrottlerStorage['increment']>): ReturnType<ThrottlerStorage['increment']> {
    try {
      return await this.redis.increment(...args);
    } catch {
      return this.memory.increment(...args);
    }
  }

  shutdown(): void {
    this.memory.onApplicationShutdown();
  }
}

@Global()
@Module({ providers: [RateLimitRedis], exports: [RateLimitRedis] })
export class RateLimitRedisModule {}
