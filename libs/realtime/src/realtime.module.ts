import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@app/config';
import { redisOptionsFromUrl } from '@app/queues';
import { RealtimePublisher } from './realtime-publisher';

@Global()
@Module({
  providers: [
    {
      provide: RealtimePublisher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new RealtimePublisher(
          new Redis(redisOptionsFromUrl(config.redis.url, { maxRetriesPerRequest: 3 })),
          config.redis.prefix,
        ),
    },
  ],
  exports: [RealtimePublisher],
})
export class RealtimeModule implements OnApplicationShutdown {
  constructor(@Inject(RealtimePublisher) private readonly publisher: RealtimePublisher) {}

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.close();
  }
}
