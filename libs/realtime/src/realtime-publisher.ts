import { Emitter } from '@socket.io/redis-emitter';
import Redis from 'ioredis';
import type { ServerEventName, ServerEvents } from '@app/contract';
import { socketIoKey } from './rooms';

/**
 * Publishes events to the gateway's rooms through Redis (Socket.IO's emitter), from any process.
 * Callers publish only after their transaction commits: events describe committed state.
 */
export class RealtimePublisher {
  private readonly emitter: Emitter;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.emitter = new Emitter(redis, { key: socketIoKey(prefix) });
  }

  publish<E extends ServerEventName>(rooms: string[], event: E, payload: ServerEvents[E]): void {
    if (rooms.length === 0) return;
    this.emitter.to(rooms).emit(event, payload as never);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
