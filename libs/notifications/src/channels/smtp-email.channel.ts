import { createTransport, Transporter } from 'nodemailer';
import { ChannelName, MessageChannel, OutgoingMessage, PermanentChannelError } from './message-channel';

/** Email over SMTP (nodemailer), plain text. */
export class SmtpEmailChannel implements MessageChannel {
  readonly name = ChannelName.Email;
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(url);
  }

  async send(message: OutgoingMessage): Promise<{ providerMessageId: string | null }> {
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        headers: { 'X-Notification-Id': message.notificationId },
      });
      return { providerMessageId: info.messageId ?? null };
    } catch (error) {
      const e = error as { responseCode?: number; code?: string };
      const why = `SMTP ${e.responseCode ?? e.code ?? 'error'}`;
      // 5xx: the server refused for good (no such mailbox); 4xx and network errors are worth a retry.
      if (e.responseCode && e.responseCode >= 500) throw new PermanentChannelError(why);
      throw new Error(why);
    }
  }

  close(): void {
    this.transport.close();
  }
}
