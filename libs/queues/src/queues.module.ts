import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@app/config';
import { OutboxRelayService } from './outbox-relay.service';
import { QueueMetrics } from './queue-metrics';
import { QueueName } from './queue-names';
import { redisOptionsFromUrl } from './redis-connection';

@Module({})
export class QueuesModule {
  /** BullMQ connection and the registered queues, shared by producers and the worker. */
  static forRoot(options: { relayOutbox: boolean }): DynamicModule {
    return {
      module: QueuesModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            // ioredis' option type and BullMQ 6's own declaration differ only nominally.
            connection: redisOptionsFromUrl(config.redis.url) as ConnectionOptions,
            prefix: `${config.redis.prefix}:bull`,
          }),
        }),
        options.relayOutbox
          ? BullModule.registerQueueAsync(
              ...[QueueName.Dispatch, QueueName.Notifications].map((name) => ({
                name,
                inject: [APP_CONFIG],
                // The producer fails fast while Redis is down (the outbox keeps the job and
                // retries); waiting would hold the relay's database transaction open.
                useFactory: (config: AppConfig) => ({
                  connection: redisOptionsFromUrl(config.redis.url, {
                    maxRetriesPerRequest: 1,
                    enableOfflineQueue: false,
                    connectTimeout: 2000,
                  }) as ConnectionOptions,
                }),
              })),
            )
          : // Workers must wait out a Redis restart: BullMQ needs maxRetriesPerRequest = null.
            BullModule.registerQueue({ name: QueueName.Dispatch }, { name: QueueName.Notifications }),
      ],
      providers: [QueueMetrics, ...(options.relayOutbox ? [OutboxRelayService] : [])],
      exports: [BullModule, ...(options.relayOutbox ? [OutboxRelayService] : [])],
    };
  }
}
