import { DataSource } from 'typeorm';
import { DevMessageEntity } from '@app/database';
import { ChannelName, MessageChannel, OutgoingMessage } from './message-channel';

/** The default with no provider configured: the message is stored, shown at /dev/messages. */
export class DevOutboxChannel implements MessageChannel {
  readonly name = ChannelName.DevOutbox;

  constructor(private readonly dataSource: DataSource) {}

  async send(message: OutgoingMessage): Promise<{ providerMessageId: string | null }> {
    const kind = message.to.includes('@')
      ? ChannelName.Email
      : message.alimTalk
        ? ChannelName.AlimTalk
        : ChannelName.Sms;
    // One row per notification: a re-run delivery stores nothing twice.
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(DevMessageEntity)
      .values({
        notificationId: message.notificationId,
        kind,
        recipient: message.to,
        subject: message.subject,
        body: message.text,
      })
      .orIgnore()
      .execute();
    return { providerMessageId: `dev-${message.notificationId}` };
  }
}
