/** The channels a message can take; `dev_outbox` stands in for all of them when no provider is set. */
export enum ChannelName {
  AlimTalk = 'alimtalk',
  Sms = 'sms',
  Email = 'email',
  DevOutbox = 'dev_outbox',
}

export interface OutgoingMessage {
  notificationId: string;
  /** E.164 phone number or email address. */
  to: string;
  subject: string;
  text: string;
  /** Set for AlimTalk: the registered template and its `#{name}` values. */
  alimTalk?: { templateId: string; variables: Record<string, string> };
}

/**
 * A way out of the system. Implementations throw on failure; the error message must never
 * carry the message text (it may hold a PIN) — only what the provider said and its status.
 */
export interface MessageChannel {
  readonly name: ChannelName;
  send(message: OutgoingMessage): Promise<{ providerMessageId: string | null }>;
}

/** The provider refused this message for good (bad number, unknown template): retrying the same channel is pointless. */
export class PermanentChannelError extends Error {
  override readonly name = 'PermanentChannelError';
}

export const MESSAGE_CHANNELS = Symbol('MESSAGE_CHANNELS');
