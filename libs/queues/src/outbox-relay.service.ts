import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { OutboxMessageEntity } from '@app/database';
import { DEFAULT_JOB_OPTIONS, QueueName } from './queue-names';

const BATCH = 200;
/** Refusals by a reachable Redis after which a row is parked instead of blocking the rest. */
const MAX_ATTEMPTS = 10;
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
    @InjectQueue(QueueName.Notifications) private readonly notificationsQueue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The BullMQ queue an outbox row goes to (rows written before the notifications queue: dispatch). */
  private queueOf(row: OutboxMessageEntity): Queue {
    return row.queue === QueueName.Notifications ? this.notificationsQueue : this.dispatchQueue;
  }

  onApplicationBootstrap(): void {
    // Connection errors surface through relay attempts; this keeps them out of stderr as noise.
    this.dispatchQueue.on('error', () => undefined);
    this.notificationsQueue.on('error', () => undefined);
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
        .where('o.published_at IS NULL AND o.attempts < :max', { max: MAX_ATTEMPTS })
        .orderBy('o.id', 'ASC')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (rows.length === 0) return 0;
      const now = Date.now();
      const job = (row: OutboxMessageEntity) => ({
        name: row.jobName,
        data: row.payload,
        opts: {
          ...DEFAULT_JOB_OPTIONS,
          jobId: row.jobId,
          delay: row.runAt ? Math.max(0, row.runAt.getTime() - now) : undefined,
        },
      });
      const published = (ids: string[]) =>
        em
          .createQueryBuilder()
          .update(OutboxMessageEntity)
          .set({ publishedAt: () => 'now()' })
          .whereInIds(ids)
          .execute();
      try {
        // jobId makes a re-relay after a crash between addBulk and the UPDATE harmless.
        const byQueue = new Map<Queue, OutboxMessageEntity[]>();
        for (const row of rows) byQueue.set(this.queueOf(row), [...(byQueue.get(this.queueOf(row)) ?? []), row]);
        for (const [queue, group] of byQueue)
          await withTimeout(queue.addBulk(group.map(job)), REDIS_TIMEOUT_MS, 'enqueueing to BullMQ');
        await published(rows.map((r) => r.id));
        return rows.length;
      } catch {
        // Redis unreachable: an outage, not the rows' fault. This throws, rolls back, and the
        // poller retries later; only a Redis that answers gets to blame individual rows below.
        await withTimeout(this.dispatchQueue.count(), REDIS_TIMEOUT_MS, 'reaching Redis');
      }
      // Redis answers but refused the batch: find the row(s) at fault, so one bad row cannot
      // hold back every job behind it. A row refused MAX_ATTEMPTS times is parked (logged).
      let count = 0;
      for (const row of rows) {
        try {
          await withTimeout(
            this.queueOf(row).add(row.jobName, row.payload, job(row).opts),
            REDIS_TIMEOUT_MS,
            'enqueueing to BullMQ',
          );
          await published([row.id]);
          count += 1;
        } catch (error) {
          const message = (error as Error).message.slice(0, 500);
          await em
            .getRepository(OutboxMessageEntity)
            .update(row.id, { attempts: row.attempts + 1, lastError: message });
          if (row.attempts + 1 >= MAX_ATTEMPTS)
            this.logger.error(
              `outbox row ${row.id} (${row.jobName}, ${row.jobId}) parked after ${MAX_ATTEMPTS} refusals: ${message}`,
            );
        }
      }
      return count;
    });
  }
}
