import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { createDataSource, DevMessageEntity, NotificationEntity, OutboxMessageEntity } from '@app/database';
import { createTestContext, TestContext } from '../../../test/support/test-context';
import { ChannelName, MessageChannel, OutgoingMessage, PermanentChannelError } from './channels/message-channel';
import { DevOutboxChannel } from './channels/dev-outbox.channel';
import { ATTEMPTS_PER_CHANNEL, DeliverNotificationHandler } from './deliver-notification.handler';
import { NotificationRecorder } from './record-notifications';
import { MessageTemplate } from './templates/message-templates';

/** A provider that answers from a script: one entry per call, `ok` or an error to throw. */
class ScriptedProvider implements MessageChannel {
  readonly sent: OutgoingMessage[] = [];
  constructor(
    readonly name: ChannelName,
    private readonly script: Array<'ok' | Error>,
  ) {}
  async send(message: OutgoingMessage): Promise<{ providerMessageId: string | null }> {
    const next = this.script.shift() ?? 'ok';
    if (next !== 'ok') throw next;
    this.sent.push(message);
    return { providerMessageId: `${this.name}-${this.sent.length}` };
  }
}

describe('DeliverNotificationHandler on PostgreSQL', () => {
  let ctx: TestContext;
  let ds: DataSource;
  let config: AppConfig;

  beforeAll(async () => {
    ctx = await createTestContext({ seed: false });
    ds = await createDataSource(ctx.config.database.url).initialize();
    const solapi = {
      apiKey: 'k',
      apiSecret: 's'.repeat(16),
      baseUrl: 'http://127.0.0.1:9',
      sender: '0212345678',
      kakaoPfId: 'KA01PF1',
    };
    config = {
      ...ctx.config,
      notify: { solapi, alimTalkTemplates: { 'luggage_delivered.ko': 'KA01TP9' }, smtp: null },
    };
  });
  afterAll(async () => {
    await ds?.destroy();
    await ctx?.dispose();
  });

  const record = async (phone: string) => {
    const recorder = new NotificationRecorder(config);
    const subjectId = randomUUID();
    const request = {
      eventId: `luggage.${subjectId}.delivered`,
      template: MessageTemplate.LuggageDelivered,
      to: { phone },
      recipientRole: 'traveller' as const,
      language: 'ko',
      subjectId,
      areaId: null,
      variables: { reference: 'FL-TEST01', priceKrw: 10000 },
    };
    expect(await ds.transaction((em) => recorder.record(em, [request]))).toBe(1);
    // The same event recorded again (a retried transaction, a replayed request) adds nothing.
    expect(await ds.transaction((em) => recorder.record(em, [request]))).toBe(0);
    return ds.getRepository(NotificationEntity).findOneByOrFail({ subjectId });
  };
  const run = (h: DeliverNotificationHandler, id: string, attemptsMade: number, maxAttempts = 8) =>
    h.handle({ notificationId: id }, { attemptsMade, maxAttempts });

  it('records one row and one outbox job per event, the number in E.164', async () => {
    const row = await record('010-3333-4444');
    expect(row).toMatchObject({
      recipient: '+821033334444',
      channel: 'alimtalk',
      fallbackChannel: 'sms',
      status: 'queued',
    });
    expect(await ds.getRepository(OutboxMessageEntity).countBy({ jobId: `notify.${row.id}` })).toBe(1);
  });

  it(`falls back from AlimTalk to SMS after ${ATTEMPTS_PER_CHANNEL} failures, sends once, and a re-run sends nothing`, async () => {
    const row = await record('010-3333-5555');
    const alimTalk = new ScriptedProvider(ChannelName.AlimTalk, [
      new Error('SOLAPI 503'),
      new Error('SOLAPI 503'),
      new Error('SOLAPI 503'),
    ]);
    const sms = new ScriptedProvider(ChannelName.Sms, ['ok']);
    const handler = new DeliverNotificationHandler(
      ds,
      new Map<ChannelName, MessageChannel>([
        [ChannelName.AlimTalk, alimTalk],
        [ChannelName.Sms, sms],
      ]),
      config,
    );
    for (let attempt = 0; attempt < ATTEMPTS_PER_CHANNEL; attempt++)
      await expect(run(handler, row.id, attempt)).rejects.toThrow('SOLAPI 503');
    expect(await ds.getRepository(NotificationEntity).findOneByOrFail({ id: row.id })).toMatchObject({
      channel: 'sms',
      fallbackChannel: null,
      status: 'queued',
      lastError: 'alimtalk: SOLAPI 503',
    });
    await run(handler, row.id, ATTEMPTS_PER_CHANNEL);
    await run(handler, row.id, ATTEMPTS_PER_CHANNEL + 1);
    expect(sms.sent).toHaveLength(1);
    expect(sms.sent[0].text).toContain('10,000원');
    expect(await ds.getRepository(NotificationEntity).findOneByOrFail({ id: row.id })).toMatchObject({
      status: 'sent',
      providerMessageId: 'sms-1',
    });
  });

  it('falls back at once on a permanent refusal, and marks the row failed after the last attempt', async () => {
    const row = await record('010-3333-6666');
    const alimTalk = new ScriptedProvider(ChannelName.AlimTalk, [new PermanentChannelError('SOLAPI 400 NotKakaoUser')]);
    const sms = new ScriptedProvider(ChannelName.Sms, [new Error('SOLAPI 503'), new Error('SOLAPI 503')]);
    const handler = new DeliverNotificationHandler(
      ds,
      new Map<ChannelName, MessageChannel>([
        [ChannelName.AlimTalk, alimTalk],
        [ChannelName.Sms, sms],
      ]),
      config,
    );
    await expect(run(handler, row.id, 0, 2)).rejects.toThrow('NotKakaoUser');
    expect((await ds.getRepository(NotificationEntity).findOneByOrFail({ id: row.id })).channel).toBe('sms');
    await expect(run(handler, row.id, 1, 2)).rejects.toMatchObject({ name: 'UnrecoverableError' });
    expect(await ds.getRepository(NotificationEntity).findOneByOrFail({ id: row.id })).toMatchObject({
      status: 'failed',
      lastError: 'sms: SOLAPI 503',
    });
    expect(sms.sent).toHaveLength(0);
  });

  it('fails a message whose channel this process lacks instead of leaving it queued', async () => {
    const row = await record('010-3333-7777');
    const handler = new DeliverNotificationHandler(
      ds,
      new Map<ChannelName, MessageChannel>([[ChannelName.DevOutbox, new DevOutboxChannel(ds)]]),
      config,
    );
    await expect(run(handler, row.id, 0)).rejects.toMatchObject({ name: 'UnrecoverableError' });
    expect(await ds.getRepository(NotificationEntity).findOneByOrFail({ id: row.id })).toMatchObject({
      status: 'failed',
      lastError: 'channel alimtalk is not configured here',
    });
  });

  it('stores a development-outbox message once however often its job runs', async () => {
    const devConfig = { ...config, notify: { solapi: null, alimTalkTemplates: {}, smtp: null } };
    const subjectId = randomUUID();
    const request = {
      eventId: `luggage.${subjectId}.delivered`,
      template: MessageTemplate.LuggageDelivered,
      to: { email: 'A@Example.com' },
      recipientRole: 'traveller' as const,
      language: 'en',
      subjectId,
      areaId: null,
      variables: { reference: 'FL-TEST02', priceKrw: 20000 },
    };
    await ds.transaction((em) => new NotificationRecorder(devConfig).record(em, [request]));
    const row = await ds.getRepository(NotificationEntity).findOneByOrFail({ subjectId });
    expect(row).toMatchObject({ channel: 'dev_outbox', recipient: 'a@example.com' });
    const handler = new DeliverNotificationHandler(
      ds,
      new Map<ChannelName, MessageChannel>([[ChannelName.DevOutbox, new DevOutboxChannel(ds)]]),
      devConfig,
    );
    await run(handler, row.id, 0);
    await ds.getRepository(NotificationEntity).update(row.id, { status: 'queued' }); // as if killed before the status update
    await run(handler, row.id, 1);
    const stored = await ds.getRepository(DevMessageEntity).findBy({ notificationId: row.id });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ kind: 'email', subject: 'Delivered FL-TEST02' });
    expect(stored[0].body).toContain('KRW 20,000');
  });
});
