import { createHmac, randomBytes } from 'node:crypto';
import { providerNumber } from '../phone-number';
import { ChannelName, MessageChannel, OutgoingMessage, PermanentChannelError } from './message-channel';

export interface SolapiOptions {
  apiKey: string;
  apiSecret: string;
  baseUrl: string;
  sender: string;
  kakaoPfId: string | null;
}

const TIMEOUT_MS = 10_000;

/**
 * SOLAPI's documented API-key authentication: HMAC-SHA256 over `date + salt` with the API
 * secret, hex, in `Authorization: HMAC-SHA256 apiKey=…, date=…, salt=…, signature=…`.
 */
export function solapiAuthorization(
  apiKey: string,
  apiSecret: string,
  date = new Date().toISOString(),
  salt = randomBytes(16).toString('hex'),
): string {
  const signature = createHmac('sha256', apiSecret)
    .update(date + salt)
    .digest('hex');
  return `HMAC-SHA256 apiKey=${apiKey}, date=${date}, salt=${salt}, signature=${signature}`;
}

/**
 * SMS (or LMS when long) and KakaoTalk AlimTalk through SOLAPI's REST API
 * (`POST /messages/v4/send`, one message per call). A small adapter rather than the SDK: the
 * request is four fields, and a test checks exactly this shape against a local server.
 */
export class SolapiChannel implements MessageChannel {
  constructor(
    readonly name: ChannelName.Sms | ChannelName.AlimTalk,
    private readonly options: SolapiOptions,
  ) {}

  async send(message: OutgoingMessage): Promise<{ providerMessageId: string | null }> {
    const { country, number } = providerNumber(message.to);
    const base = {
      to: number,
      from: this.options.sender.replace(/^\+82/, '0'),
      ...(country !== '82' ? { country } : {}),
    };
    let body: Record<string, unknown>;
    if (this.name === ChannelName.AlimTalk) {
      if (!message.alimTalk || !this.options.kakaoPfId)
        throw new PermanentChannelError('AlimTalk needs a KakaoTalk channel and a template id');
      // disableSms: the fallback to SMS is ours (it is recorded and retried like any attempt).
      body = {
        message: {
          ...base,
          type: 'ATA',
          text: message.text,
          kakaoOptions: {
            pfId: this.options.kakaoPfId,
            templateId: message.alimTalk.templateId,
            variables: message.alimTalk.variables,
            disableSms: true,
          },
        },
      };
    } else {
      // Korean carriers cap an SMS at 90 bytes (EUC-KR); longer texts go as LMS.
      const long = Buffer.byteLength(message.text, 'utf8') > 90;
      body = {
        message: {
          ...base,
          type: long ? 'LMS' : 'SMS',
          text: message.text,
          ...(long ? { subject: message.subject.slice(0, 40) } : {}),
        },
      };
    }
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl}/messages/v4/send`, {
        method: 'POST',
        headers: {
          Authorization: solapiAuthorization(this.options.apiKey, this.options.apiSecret),
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new Error(`SOLAPI unreachable: ${(error as Error).name}`);
    }
    const answer = (await response.json().catch(() => ({}))) as {
      messageId?: string;
      statusCode?: string;
      errorCode?: string;
      errorMessage?: string;
    };
    // Only the provider's codes go into the error: its message may quote what we sent.
    const why = `SOLAPI ${response.status} ${answer.errorCode ?? answer.statusCode ?? ''}`.trim();
    if (response.status >= 400 && response.status < 500 && response.status !== 429 && response.status !== 401)
      throw new PermanentChannelError(why);
    if (!response.ok) throw new Error(why);
    return { providerMessageId: answer.messageId ?? null };
  }
}
