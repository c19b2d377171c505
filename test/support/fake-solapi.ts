import { createHmac } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface SolapiRequest {
  url: string;
  message: {
    to: string;
    from: string;
    type: string;
    text: string;
    kakaoOptions?: { pfId: string; templateId: string; variables: Record<string, string> };
  };
}

/**
 * A stand-in for api.solapi.com: checks the documented HMAC-SHA256 API-key signature (403
 * otherwise, as SOLAPI answers) and records each accepted message. `answer` decides the reply;
 * `'hold'` keeps the request unanswered until `releaseHeld()`. A held request whose caller goes
 * away first (killed) counts as not accepted: a provider sends only what it acknowledged.
 */
export async function startFakeSolapi(
  apiKey: string,
  apiSecret: string,
  answer: (m: SolapiRequest) => number | 'hold' = () => 200,
) {
  const accepted: SolapiRequest[] = [];
  const refused: SolapiRequest[] = [];
  const dropped: SolapiRequest[] = [];
  const held: Array<() => void> = [];
  let count = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const auth = /^HMAC-SHA256 apiKey=([^,]+), date=([^,]+), salt=([^,]+), signature=([0-9a-f]{64})$/.exec(
        req.headers.authorization ?? '',
      );
      const signed =
        auth !== null &&
        auth[1] === apiKey &&
        createHmac('sha256', apiSecret)
          .update(auth[2] + auth[3])
          .digest('hex') === auth[4];
      const request: SolapiRequest = {
        url: req.url ?? '',
        message: (JSON.parse(raw || '{}') as { message: SolapiRequest['message'] }).message,
      };
      const decided = !signed || req.method !== 'POST' || req.url !== '/messages/v4/send' ? 403 : answer(request);
      const reply = (status: number) => {
        if (res.destroyed || req.socket.destroyed) {
          dropped.push(request);
          return;
        }
        (status === 200 ? accepted : refused).push(request);
        count += 1;
        res
          .writeHead(status, { 'Content-Type': 'application/json' })
          .end(
            JSON.stringify(
              status === 200
                ? { messageId: `M4V${count}`, statusCode: '2000' }
                : { errorCode: status === 403 ? 'SignatureDoesNotMatch' : 'ServiceUnavailable' },
            ),
          );
      };
      if (decided === 'hold') {
        const release = () => reply(200);
        held.push(release);
        req.socket.once('close', () => {
          const i = held.indexOf(release);
          if (i >= 0) held.splice(i, 1);
          dropped.push(request);
        });
        return;
      }
      reply(decided);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    accepted,
    refused,
    dropped,
    heldCount: () => held.length,
    releaseHeld: () => held.splice(0).forEach((release) => release()),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
