import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Test } from '@nestjs/testing';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ConfigModule } from '@app/config';
import { DatabaseModule, OutboxMessageEntity } from '@app/database';
import { MetricsModule } from '@app/http';
import { PrivateRedisHandle, startPrivateRedis, freePort } from '@app/devstack';
import { createTestContext, TestContext } from '../../../test/support/test-context';
import { enqueueInTransaction } from './outbox';
import { OutboxRelayService } from './outbox-relay.service';
import { DispatchJob, QueueName } from './queue-names';
import { QueuesModule } from './queues.module';

const waitUntil = async (check: () => Promise<boolean>, timeoutMs: number) => {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('outbox relay across a Redis restart (real PostgreSQL and Redis)', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let redis: PrivateRedisHandle;
  let redisDir: string;
  let port: number;

  beforeAll(async () => {
    ctx = await createTestContext({ seed: false });
    port = await freePort();
    redisDir = mkdtempSync(join(tmpdir(), 'outbox-redis-'));
    redis = await startPrivateRedis({ dataDir: redisDir, port, persistent: false });
    const config = { ...ctx.config, redis: { ...ctx.config.redis, url: redis.url }, outboxPollMs: 100 };
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(),
        MetricsModule,
        QueuesModule.forRoot({ relayOutbox: true }),
      ],
    }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await redis?.stop();
    rmSync(redisDir, { recursive: true, force: true });
    await ctx?.dispose();
  });

  it('commits while Redis is down and relays the job exactly once when Redis is back', async () => {
    const ds = app.get(DataSource);
    const queue = app.get<Queue>(getQueueToken(QueueName.Dispatch));
    const outbox = ds.getRepository(OutboxMessageEntity);
    const checkId = '6f1c1b2e-3a43-4c4b-9f0e-0a6a4f3b2a11';
    const jobId = `pipeline-check.${checkId}`;

    await redis.stop();
    // The state change and its job commit with Redis down: the api's 2xx does not depend on Redis.
    await ds.transaction((em) =>
      enqueueInTransaction(em, { name: DispatchJob.PipelineCheck, payload: { checkId }, jobId }),
    );
    await expect(app.get(OutboxRelayService).relayAll()).rejects.toThrow();
    expect((await outbox.findOneByOrFail({ jobId })).publishedAt).toBeNull();

    redis = await startPrivateRedis({ dataDir: redisDir, port, persistent: false });
    // The poller, not the test, relays it once Redis answers again.
    await waitUntil(async () => (await outbox.findOneByOrFail({ jobId })).publishedAt !== null, 20_000);
    await app.get(OutboxRelayService).relayAll(); // a further pass finds nothing to add

    expect((await queue.getJob(jobId))?.data).toEqual({ checkId });
    expect(await queue.count()).toBe(1);
  });

  it('refuses a job id BullMQ would reject, inside the transaction, leaving nothing behind', async () => {
    const ds = app.get(DataSource);
    await expect(
      ds.transaction((em) =>
        enqueueInTransaction(em, {
          name: DispatchJob.PipelineCheck,
          payload: { checkId: 'x' } as never,
          jobId: 'has:colon',
        }),
      ),
    ).rejects.toThrow(/invalid job id/);
    expect(await ds.getRepository(OutboxMessageEntity).countBy({ jobId: 'has:colon' })).toBe(0);
  });

  it('does not let a row BullMQ refuses hold back the jobs behind it, and parks it after repeated refusals', async () => {
    const ds = app.get(DataSource);
    const outbox = ds.getRepository(OutboxMessageEntity);
    const relay = app.get(OutboxRelayService);
    // Written around enqueueInTransaction's check, as a bug elsewhere could: BullMQ refuses ':'.
    await outbox.insert({
      queue: QueueName.Dispatch,
      jobName: DispatchJob.PipelineCheck,
      payload: { checkId: 'x' },
      jobId: 'poison:row',
    });
    const goodId = '7a2d3c4b-1e5f-4a6b-8c9d-0e1f2a3b4c5d';
    await ds.transaction((em) =>
      enqueueInTransaction(em, {
        name: DispatchJob.PipelineCheck,
        payload: { checkId: goodId },
        jobId: `pipeline-check.${goodId}`,
      }),
    );

    // The app's poller relays too (every 200 ms here), so this pass and the poller race for the
    // rows: whichever wins, the good row behind the poison one is published.
    await relay.relayAll();
    await waitUntil(
      async () => (await outbox.findOneByOrFail({ jobId: `pipeline-check.${goodId}` })).publishedAt !== null,
      10_000,
    );
    const poison = await outbox.findOneByOrFail({ jobId: 'poison:row' });
    expect(poison.publishedAt).toBeNull();
    expect(poison.attempts).toBeGreaterThanOrEqual(1);
    expect(poison.lastError).toMatch(/cannot contain/i);

    for (let i = 0; i < 12; i += 1) await relay.relayAll();
    expect((await outbox.findOneByOrFail({ jobId: 'poison:row' })).attempts).toBe(10); // parked: no longer retried
  });
});
