import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { SmtpEmailChannel } from './smtp-email.channel';

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

describe('SmtpEmailChannel against an SMTP server in the test process', () => {
  const mails: Mail[] = [];
  let server: SMTPServer;
  let port: number;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
          });
          callback();
        });
      },
      onRcptTo(address, _session, callback) {
        // The server refuses one mailbox for good, as a real one does for an unknown user.
        if (address.address === 'nobody@example.com')
          return callback(Object.assign(new Error('no such user'), { responseCode: 550 }));
        callback();
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('delivers a plain-text mail with subject, sender and the notification id', async () => {
    const channel = new SmtpEmailChannel(`smtp://127.0.0.1:${port}`, 'Free-Lug <no-reply@free-lug.example>');
    const sent = await channel.send({
      notificationId: 'b5e0c2a4-0000-4000-8000-000000000001',
      to: 'traveller@example.com',
      subject: 'Free-Lug booking confirmed FL-ABC123',
      text: 'Track: http://x/track/t',
    });
    channel.close();
    expect(sent.providerMessageId).toMatch(/@/);
    expect(mails).toHaveLength(1);
    expect(mails[0].from).toBe('no-reply@free-lug.example');
    expect(mails[0].to).toEqual(['traveller@example.com']);
    expect(mails[0].raw).toContain('Subject: Free-Lug booking confirmed FL-ABC123');
    expect(mails[0].raw).toMatch(/X-Notification-Id: b5e0c2a4-0000-4000-8000-000000000001/i); // header names are case-insensitive
    expect(mails[0].raw).toContain('Track: http://x/track/t');
  });

  it('reports a mailbox the server refuses as permanent', async () => {
    const channel = new SmtpEmailChannel(`smtp://127.0.0.1:${port}`, 'no-reply@free-lug.example');
    await expect(
      channel.send({ notificationId: 'n', to: 'nobody@example.com', subject: 's', text: 't' }),
    ).rejects.toMatchObject({ name: 'PermanentChannelError', message: 'SMTP 550' });
    channel.close();
  });
});
