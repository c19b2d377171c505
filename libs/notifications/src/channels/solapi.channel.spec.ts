import { createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ChannelName, PermanentChannelError } from './message-channel';
import { SolapiChannel } from './solapi.channel';

const API_KEY = 'NCSTESTKEY0001';
const API_SECRET = 'test-api-secret-0123456789abcdef';

interface Received {
  method: string;
  url: string;
  authorization: string;
  contentType: string;
  body: { message: Record<string, unknown> };
}

/**
 * A stand-in for api.solapi.com that checks what SOLAPI documents: POST /messages/v4/send, JSON,
 * and `Authorization: HMAC-SHA256 apiKey=…, date=…, salt=…, signature=hex(HMAC-SHA256(secret, date + salt))`.
 * A request that fails the check gets SOLAPI's 403 answer, as the real service would.
 */
function fakeSolapi(reply: (r: Received) => { status: number; body: object }) {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const r: Received = {
        method: req.method!,
        url: req.url!,
        authorization: req.headers.authorization ?? '',
        contentType: req.headers['content-type'] ?? '',
        body: JSON.parse(raw || '{}'),
      };
      received.push(r);
      const auth = /^HMAC-SHA256 apiKey=([^,]+), date=([^,]+), salt=([^,]+), signature=([0-9a-f]{64})$/.exec(
        r.authorization,
      );
      const valid =
        auth &&
        auth[1] === API_KEY &&
        createHmac('sha256', API_SECRET)
          .update(auth[2] + auth[3])
          .digest('hex') === auth[4];
      const answer = valid
        ? reply(r)
        : { status: 403, body: { errorCode: 'SignatureDoesNotMatch', errorMessage: 'bad signature' } };
      res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  return {
    received,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("SolapiChannel against a local server checking SOLAPI's documented request", () => {
  const ok = () => ({ status: 200, body: { messageId: 'M4V20261204000001', statusCode: '2000' } });
  let provider: ReturnType<typeof fakeSolapi>;
  let baseUrl: string;
  let reply: (r: Received) => { status: number; body: object } = ok;

  beforeAll(async () => {
    provider = fakeSolapi((r) => reply(r));
    baseUrl = await provider.start();
  });
  afterAll(() => provider.stop());
  beforeEach(() => {
    provider.received.length = 0;
    reply = ok;
  });

  const options = () => ({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    baseUrl,
    sender: '0212345678',
    kakaoPfId: 'KA01PF0000000001',
  });

  it('sends a short SMS signed with the API secret, to the national number', async () => {
    const sent = await new SolapiChannel(ChannelName.Sms, options()).send({
      notificationId: 'n1',
      to: '+821012345678',
      subject: 'Delivered',
      text: 'Delivered FL-1',
    });
    expect(sent.providerMessageId).toBe('M4V20261204000001');
    expect(provider.received).toHaveLength(1);
    const [r] = provider.received;
    expect(r.method).toBe('POST');
    expect(r.url).toBe('/messages/v4/send');
    expect(r.contentType).toBe('application/json');
    expect(r.body).toEqual({ message: { to: '01012345678', from: '0212345678', type: 'SMS', text: 'Delivered FL-1' } });
  });

  it('sends a long Korean text as LMS with a subject', async () => {
    const text =
      '[Free-Lug] 짐이 배송되었습니다. 이용해 주셔서 감사합니다. 다음에도 프리러그를 이용해 주세요. 좋은 여행 되세요!';
    await new SolapiChannel(ChannelName.Sms, options()).send({
      notificationId: 'n2',
      to: '+821012345678',
      subject: '배송 완료',
      text,
    });
    expect(provider.received[0].body.message).toMatchObject({ type: 'LMS', subject: '배송 완료', text });
  });

  it("sends an AlimTalk with the KakaoTalk channel, the template id and its variables, SOLAPI's own SMS fallback off", async () => {
    await new SolapiChannel(ChannelName.AlimTalk, options()).send({
      notificationId: 'n3',
      to: '+821012345678',
      subject: 's',
      text: 'text',
      alimTalk: { templateId: 'KA01TP0000000001', variables: { '#{예약번호}': 'FL-1' } },
    });
    expect(provider.received[0].body.message).toEqual({
      to: '01012345678',
      from: '0212345678',
      type: 'ATA',
      text: 'text',
      kakaoOptions: {
        pfId: 'KA01PF0000000001',
        templateId: 'KA01TP0000000001',
        variables: { '#{예약번호}': 'FL-1' },
        disableSms: true,
      },
    });
  });

  it('is refused by the provider when signed with another secret', async () => {
    const channel = new SolapiChannel(ChannelName.Sms, { ...options(), apiSecret: 'wrong-secret-0123456789abcdef' });
    await expect(
      channel.send({ notificationId: 'n4', to: '+821012345678', subject: 's', text: 'PIN 482913' }),
    ).rejects.toThrow('SOLAPI 403 SignatureDoesNotMatch');
  });

  it("reports a refused number as permanent, naming only the provider's code (never the text)", async () => {
    reply = () => ({ status: 400, body: { errorCode: 'ValidationError', errorMessage: 'PIN 482913 is not allowed' } });
    const error = await new SolapiChannel(ChannelName.Sms, options())
      .send({ notificationId: 'n5', to: '+821012345678', subject: 's', text: 'PIN 482913' })
      .catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(PermanentChannelError);
    expect((error as Error).message).toBe('SOLAPI 400 ValidationError');
  });

  it('treats a provider outage as worth a retry', async () => {
    reply = () => ({ status: 503, body: {} });
    const error = await new SolapiChannel(ChannelName.Sms, options())
      .send({ notificationId: 'n6', to: '+821012345678', subject: 's', text: 't' })
      .catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentChannelError);
  });
});
