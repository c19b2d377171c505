import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ChannelName, MESSAGE_CHANNELS, MessageChannel } from './channels/message-channel';
import { DevOutboxChannel } from './channels/dev-outbox.channel';
import { SmtpEmailChannel } from './channels/smtp-email.channel';
import { SolapiChannel } from './channels/solapi.channel';
import { DeliverNotificationHandler } from './deliver-notification.handler';
import { NotificationRecorder } from './record-notifications';

/** The channels this configuration can use; the development outbox is always there. */
export function configuredChannels(config: AppConfig, dataSource: DataSource): Map<ChannelName, MessageChannel> {
  const channels = new Map<ChannelName, MessageChannel>([[ChannelName.DevOutbox, new DevOutboxChannel(dataSource)]]);
  const { solapi, smtp } = config.notify;
  if (solapi) {
    channels.set(ChannelName.Sms, new SolapiChannel(ChannelName.Sms, solapi));
    channels.set(ChannelName.AlimTalk, new SolapiChannel(ChannelName.AlimTalk, solapi));
  }
  if (smtp) channels.set(ChannelName.Email, new SmtpEmailChannel(smtp.url, smtp.from));
  return channels;
}

/** Recording (api, planners) and delivery (dispatcher) of notifications. */
@Module({
  providers: [
    NotificationRecorder,
    DeliverNotificationHandler,
    { provide: MESSAGE_CHANNELS, inject: [APP_CONFIG, DataSource], useFactory: configuredChannels },
  ],
  exports: [NotificationRecorder, DeliverNotificationHandler],
})
export class NotificationsModule {}
