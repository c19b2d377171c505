import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { NotificationEntity } from '@app/database';
import { DispatchJob, enqueueInTransaction } from '@app/queues';
import { chooseChannel } from './channel-plan';
import { toE164 } from './phone-number';
import { SecretSealer } from './sealed-secrets';
import { MessageLanguage, MessageTemplate, TemplateSecrets, TemplateVariables } from './templates/message-templates';

export interface NotificationRequest {
  /** Stable for the event: the same event always yields the same id (see NotificationEntity). */
  eventId: string;
  template: MessageTemplate;
  to: { phone: string } | { email: string };
  recipientRole: 'traveller' | 'rider' | 'staff';
  language: string;
  subjectId: string;
  areaId: string | null;
  variables: TemplateVariables;
  secrets?: TemplateSecrets;
}

export function messageLanguage(value: string | null | undefined): MessageLanguage {
  return value === 'en' ? 'en' : 'ko';
}

/**
 * Records messages in the caller's transaction, one row per (event, template, recipient), and
 * one outbox job per new row: the messages exist exactly when the change that causes them
 * commits, and a second recording of the same event adds nothing.
 */
@Injectable()
export class NotificationRecorder {
  private readonly logger = new Logger(NotificationRecorder.name);
  private readonly sealer: SecretSealer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.sealer = new SecretSealer(config.luggage.quoteSecret);
  }

  async record(em: EntityManager, requests: readonly NotificationRequest[]): Promise<number> {
    let created = 0;
    for (const r of requests) {
      const kind = 'phone' in r.to ? 'phone' : 'email';
      const recipient = 'phone' in r.to ? toE164(r.to.phone) : r.to.email.trim().toLowerCase();
      if (!recipient) {
        // Neither the number nor the message goes into the log.
        this.logger.warn(`${r.template} for ${r.subjectId} not recorded: the ${kind} is not a valid number`);
        continue;
      }
      const language = messageLanguage(r.language);
      const { channel, fallback } = chooseChannel(this.config.notify, kind, r.template, language);
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(NotificationEntity)
        .values({
          eventId: r.eventId,
          template: r.template,
          recipient,
          recipientRole: r.recipientRole,
          language,
          subjectId: r.subjectId,
          areaId: r.areaId,
          channel,
          fallbackChannel: fallback,
          status: 'queued',
          variables: r.variables as never,
          sealedSecrets: r.secrets && Object.keys(r.secrets).length ? this.sealer.seal(r.secrets) : null,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (!id) continue;
      created += 1;
      await enqueueInTransaction(em, {
        name: DispatchJob.DeliverNotification,
        payload: { notificationId: id },
        jobId: `notify.${id}`,
      });
    }
    return created;
  }
}
