import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { Server, ServerOptions } from 'socket.io';
import { AppConfig } from '@app/config';
import { redisOptionsFromUrl } from '@app/queues';
import { socketIoKey } from '@app/realtime';

/** Socket.IO over the Redis adapter: emits from any process or gateway reach every socket. */
export class RedisIoAdapter extends IoAdapter {
  private readonly logger = new Logger('RedisIoAdapter');
  private pub?: Redis;
  private sub?: Redis;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  async connect(): Promise<void> {
    this.pub = new Redis(redisOptionsFromUrl(this.config.redis.url, { maxRetriesPerRequest: 3 }));
    this.sub = this.pub.duplicate();
    // ioredis reconnects by itself; without a listener each failed attempt is an uncaught error event.
    for (const client of [this.pub, this.sub])
      client.on('error', (e: Error) => this.logger.warn(`redis adapter: ${e.message}`));
    await Promise.all([this.pub.ping(), this.sub.ping()]);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      cors: { origin: this.config.corsOrigins === '*' ? true : this.config.corsOrigins, credentials: true },
    }) as Server;
    server.adapter(createAdapter(this.pub!, this.sub!, { key: socketIoKey(this.config.redis.prefix) }));
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    for (const client of [this.pub, this.sub]) {
      if (client) await client.quit().catch(() => undefined);
    }
  }
}
