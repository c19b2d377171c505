import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { enqueue, flush, pending, queueSummary } from './outbox';

interface Received {
  path: string;
  key: string | undefined;
  body: Record<string, unknown>;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => resolve(text));
  });

describe('outbox', () => {
  let server: Server;
  let received: Received[];
  let status: number;
  const realFetch = globalThis.fetch;

  beforeAll(async () => {
    server = createServer((req, res) => {
      void readBody(req).then((text) => {
        received.push({
          path: req.url ?? '',
          key: req.headers['idempotency-key'] as string | undefined,
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(
          status < 300 ? '{"ok":true}' : JSON.stringify({ code: 'RIDE_NOT_ARRIVED', message: 'refused', details: {} }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The page is served by the api: a browser resolves the outbox's same-origin paths against it.
    globalThis.fetch = (input, init) => realFetch(new URL(String(input as string), origin), init);
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    localStorage.clear();
    received = [];
    status = 200;
  });

  it('sends an action queued after a flush of the empty queue (the page idled, then a tap)', async () => {
    const idle = await flush();
    expect(idle).toEqual({ sent: 0, confirmed: [], refused: [], left: 0 });

    const action = enqueue({
      method: 'POST',
      path: '/v1/driver/rides/r1/arrive',
      body: {},
      label: 'arrive',
      timeField: 'occurredAt',
    });
    const result = await flush();

    expect(result).toEqual({ sent: 1, confirmed: [action], refused: [], left: 0 });
    expect(received).toEqual([
      { path: '/v1/driver/rides/r1/arrive', key: action.id, body: { occurredAt: action.occurredAt } },
    ]);
    expect(pending()).toEqual([]);
  });

  it('keeps sending after many idle flushes in a row', async () => {
    for (let n = 0; n < 5; n += 1) await flush();
    enqueue({ method: 'POST', path: '/v1/a', body: { x: 1 }, label: 'a', timeField: null });
    enqueue({ method: 'POST', path: '/v1/b', body: {}, label: 'b', timeField: null });

    expect(await flush()).toMatchObject({ sent: 2, refused: [], left: 0 });
    expect(received.map((r) => r.path)).toEqual(['/v1/a', '/v1/b']);
  });

  it('sends each action once when flushes overlap, including one queued during a run', async () => {
    enqueue({ method: 'POST', path: '/v1/a', body: {}, label: 'a', timeField: null });
    const first = flush();
    // Queued while the first run is sending: the overlapping flush must still send it.
    enqueue({ method: 'POST', path: '/v1/b', body: {}, label: 'b', timeField: null });
    const results = await Promise.all([first, flush(), flush()]);

    expect(received.map((r) => r.path).sort()).toEqual(['/v1/a', '/v1/b']);
    expect(results[1]).toBe(results[2]);
    expect(pending()).toEqual([]);
  });

  it('drops an action the server refuses for good and reports its code', async () => {
    status = 409;
    const action = enqueue({ method: 'POST', path: '/v1/a', body: {}, label: 'a', timeField: null });
    const result = await flush();

    expect(result.sent).toBe(0);
    expect(result.refused.map((r) => [r.action.id, r.code])).toEqual([[action.id, 'RIDE_NOT_ARRIVED']]);
    expect(pending()).toEqual([]);
  });

  it('keeps an action when the network fails, and sends it on the next flush', async () => {
    // No signal: fetch rejects as a browser's does.
    globalThis.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    enqueue({ method: 'POST', path: '/v1/a', body: {}, label: 'a', timeField: null });
    expect(await flush()).toMatchObject({ sent: 0, refused: [], left: 1 });

    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    globalThis.fetch = (input, init) => realFetch(new URL(String(input as string), origin), init);
    expect(await flush()).toMatchObject({ sent: 1, refused: [], left: 0 });
    expect(received).toHaveLength(1);
  });

  it('summarises the queue as a count and the age of the oldest action', () => {
    expect(queueSummary([], new Date('2026-12-03T01:00:00Z'))).toEqual({ count: 0, oldestSeconds: 0 });
    const a = enqueue({
      method: 'POST',
      path: '/v1/a',
      body: {},
      label: 'a',
      timeField: null,
      occurredAt: '2026-12-03T00:58:30Z',
    });
    const b = enqueue({
      method: 'POST',
      path: '/v1/b',
      body: {},
      label: 'b',
      timeField: null,
      occurredAt: '2026-12-03T00:59:30Z',
    });
    expect(queueSummary([a, b], new Date('2026-12-03T01:00:00Z'))).toEqual({ count: 2, oldestSeconds: 90 });
  });
});
