import type { AppConfig } from '@app/config';
import { ChannelName } from './channels/message-channel';
import type { MessageLanguage, MessageTemplate } from './templates/message-templates';

export interface ChannelChoice {
  channel: ChannelName;
  fallback: ChannelName | null;
}

/**
 * Which channel a message takes, decided when it is recorded (so a restart with other settings
 * does not reroute messages already queued): AlimTalk when a KakaoTalk channel and the
 * template's id are configured, with SMS as fallback; SMS alone otherwise; email over SMTP;
 * the development outbox whenever the provider is missing.
 */
export function chooseChannel(
  config: AppConfig['notify'],
  to: 'phone' | 'email',
  template: MessageTemplate,
  language: MessageLanguage,
): ChannelChoice {
  if (to === 'email') return { channel: config.smtp ? ChannelName.Email : ChannelName.DevOutbox, fallback: null };
  if (!config.solapi) return { channel: ChannelName.DevOutbox, fallback: null };
  if (config.solapi.kakaoPfId && alimTalkTemplateId(config, template, language))
    return { channel: ChannelName.AlimTalk, fallback: ChannelName.Sms };
  return { channel: ChannelName.Sms, fallback: null };
}

export function alimTalkTemplateId(
  config: AppConfig['notify'],
  template: MessageTemplate,
  language: MessageLanguage,
): string | null {
  return config.alimTalkTemplates[`${template}.${language}`] ?? null;
}
