import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { OutboxMessageEntity } from '@app/database';
import { DEFAULT_JOB_OPTIONS, QueueName } from './queue-names';

const BATCH = 200;
/** BullMQ waits for Redis forever; the relay must not hold its transaction that long. */
const REDIS_TIMEOUT_MS = 3000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms (Redis unreachable?)`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Moves committed outbox rows into BullMQ. `kick()` runs right after a commit for low latency;
 * a poller catches whatever a kick missed (Redis down, process crash between commit and kick).
 * Rows are locked with SKIP LOCKED so several api instances can relay side by side.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<number> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Dispatch) private readonly dispatchQueue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Connection errors surface through relay attempts; this keeps them out of stderr as noise.
    this.dispatchQueue.on('error', () => undefined);
    this.timer = setInterval(() => this.kick(), this.config.outboxPollMs);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.running) await withTimeout(this.running, REDIS_TIMEOUT_MS, 'outbox relay shutdown').catch(() => 0);
  }

  /** Fire-and-forget trigger; coalesces concurrent kicks into at most one extra pass. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.relayAll()
      .catch((error: unknown) => {
        this.logger.warn(`outbox relay paused: ${(error as Error).message}`);
        return 0;
      })
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Relays until the outbox is empty; returns how many rows were published. */
  async relayAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.relayBatch();
      total += published;
      if (published < BATCH) return total;
    }
  }

  private relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows: OutboxMessageEntity[] = await em
        .getRepository(OutboxMessageEntity)
        .createQueryBuilder('o')
        .where('o.published_at IS NULL')
        .orderBy('o.id', 'ASC')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (rows.length === 0) return 0;
      const now = Date.now();
      // jobId makes a re-relay after a crash between addBulk and the UPDATE harmless.
      await withTimeout(
        this.dispatchQueue.addBulk(
          rows.map((row) => ({
            name: row.jobName,
            data: row.payload,
            opts: { ...DEFAULT_JOB_OPTIONS, jobId: row.jobId, delay: row.runAt ? Math.max(0, row.runAt.getTime() - now) : undefined },
          })),
        ),
        REDIS_TIMEOUT_MS,
        'enqueueing to BullMQ',
      );
      await em
        .createQueryBuilder()
        .update(OutboxMessageEntity)
        .set({ publishedAt: () => 'now()', attempts: () => 'attempts + 1' })
        .whereInIds(rows.map((r) => r.id))
        .execute();
      return rows.length;
    });
  }
}
