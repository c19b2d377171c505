import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { TemplateSecrets } from './templates/message-templates';

/**
 * AES-256-GCM for the few values a message must carry but the database must not hold in clear
 * (the PIN, the tracking link): sealed when the notification is recorded, opened to send it.
 * The key derives from the quote secret, which the api and the dispatcher share.
 */
export class SecretSealer {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHash('sha256').update(`notification-secrets:${secret}`).digest();
  }

  seal(secrets: TemplateSecrets): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  open(sealed: string): TemplateSecrets {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return JSON.parse(
      Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'),
    ) as TemplateSecrets;
  }
}
