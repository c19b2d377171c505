import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { NotificationEntity } from '@app/database';
import { alimTalkTemplateId } from './channel-plan';
import { ChannelName, MESSAGE_CHANNELS, MessageChannel, PermanentChannelError } from './channels/message-channel';
import { messageLanguage } from './record-notifications';
import { SecretSealer } from './sealed-secrets';
import { isMessageTemplate, renderMessage, TemplateVariables } from './templates/message-templates';

/** Attempts on one channel before its fallback takes over (AlimTalk → SMS). */
export const ATTEMPTS_PER_CHANNEL = 3;

export interface DeliveryAttempt {
  /** BullMQ's attemptsMade before this run, and the job's attempts. */
  attemptsMade: number;
  maxAttempts: number;
}

/**
 * Sends one recorded notification. Idempotent by the row's status: a re-run job (retry, a
 * stalled job taken over after a kill) finds it `sent` and does nothing. The one window left is
 * a kill between the provider's acceptance and the UPDATE below: the next run sends again.
 */
@Injectable()
export class DeliverNotificationHandler {
  private readonly logger = new Logger(DeliverNotificationHandler.name);
  private readonly sealer: SecretSealer;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGE_CHANNELS) private readonly channels: Map<ChannelName, MessageChannel>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.sealer = new SecretSealer(config.luggage.quoteSecret);
  }

  async handle({ notificationId }: { notificationId: string }, attempt: DeliveryAttempt): Promise<void> {
    const repo = this.dataSource.getRepository(NotificationEntity);
    const row = await repo.findOneBy({ id: notificationId });
    if (!row) throw new UnrecoverableError(`notification ${notificationId} does not exist`);
    if (row.status !== 'queued') return;
    const channel = this.channels.get(row.channel as ChannelName);
    if (!channel || !isMessageTemplate(row.template)) {
      // Will never work on this configuration: failed for the board to see, not queued forever.
      const why = channel ? `unknown template ${row.template}` : `channel ${row.channel} is not configured here`;
      await repo.update({ id: row.id, status: 'queued' }, { status: 'failed', failedAt: new Date(), lastError: why });
      throw new UnrecoverableError(`notification ${row.id}: ${why}`);
    }
    const language = messageLanguage(row.language);
    const rendered = renderMessage(
      row.template,
      language,
      row.variables as TemplateVariables,
      row.sealedSecrets ? this.sealer.open(row.sealedSecrets) : {},
      this.config.serviceTimezone,
    );
    const templateId =
      row.channel === ChannelName.AlimTalk ? alimTalkTemplateId(this.config.notify, row.template, language) : null;
    try {
      const { providerMessageId } = await channel.send({
        notificationId: row.id,
        to: row.recipient,
        subject: rendered.subject,
        text: rendered.text,
        ...(templateId ? { alimTalk: { templateId, variables: rendered.alimTalkVariables } } : {}),
      });
      await repo.update(
        { id: row.id, status: 'queued' },
        { status: 'sent', sentAt: new Date(), providerMessageId, attempts: row.attempts + 1, lastError: null },
      );
      this.logger.log(`notification ${row.id} (${row.template}) sent via ${row.channel}`);
    } catch (error) {
      // The error names the provider's status only (see MessageChannel): safe to store and log.
      const why = (error as Error).message.slice(0, 500);
      const attempts = row.attempts + 1;
      const permanent = error instanceof PermanentChannelError;
      const lastJobRun = attempt.attemptsMade + 1 >= attempt.maxAttempts;
      if (row.fallbackChannel && !lastJobRun && (permanent || attempts >= ATTEMPTS_PER_CHANNEL)) {
        await repo.update(
          { id: row.id, status: 'queued' },
          { channel: row.fallbackChannel, fallbackChannel: null, attempts: 0, lastError: `${row.channel}: ${why}` },
        );
        this.logger.warn(
          `notification ${row.id} (${row.template}): ${row.channel} failed (${why}); falling back to ${row.fallbackChannel}`,
        );
        throw error;
      }
      if (lastJobRun || (permanent && !row.fallbackChannel)) {
        await repo.update(
          { id: row.id, status: 'queued' },
          { status: 'failed', failedAt: new Date(), attempts, lastError: `${row.channel}: ${why}` },
        );
        this.logger.error(`notification ${row.id} (${row.template}) failed for good via ${row.channel}: ${why}`);
        throw new UnrecoverableError(why);
      }
      await repo.update({ id: row.id, status: 'queued' }, { attempts, lastError: `${row.channel}: ${why}` });
      throw error;
    }
  }
}
