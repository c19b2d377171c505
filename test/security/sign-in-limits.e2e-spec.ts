import { request } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/api.app';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { openShuttleAroundTheClock, ShuttleFixture } from '../support/shuttle-fixtures';
import { RunningStack, signIn, startStack } from '../support/stack';
import { createTestContext, TestContext } from '../support/test-context';

interface Answer {
  status: number;
  code?: string;
  retryAfter: string | undefined;
}

/** A sign-in sent from one loopback address (127.0.0.x): every one is a distinct client address. */
function signInFrom(baseUrl: string, localAddress: string, email: string, password: string): Promise<Answer> {
  const url = new URL('/v1/auth/sign-in', baseUrl);
  const body = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const header = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            code: (JSON.parse(text || '{}') as { code?: string }).code,
            retryAfter: Array.isArray(header) ? header[0] : header,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sign-in limits per account and per address, shared by every api instance', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  let second: INestApplication;
  let secondUrl: string;
  let fx: ShuttleFixture;
  const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
  const admin = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;

  beforeAll(async () => {
    ctx = await createTestContext({
      seed: true,
      // The shipped defaults for failures, a short first block so the backoff shows, and tight
      // per-minute limits so their 429s can be looked at.
      env: {
        RATE_LIMIT_SIGN_IN_PER_MIN: '5',
        RATE_LIMIT_BOOKING_PER_MIN: '2',
        RATE_LIMIT_SIGN_IN_ACCOUNT_FAILURES: '10',
        RATE_LIMIT_SIGN_IN_ADDRESS_FAILURES: '20',
        RATE_LIMIT_SIGN_IN_BLOCK_S: '1',
      },
    });
    fx = await openShuttleAroundTheClock(ctx);
    stack = await startStack(ctx);
    second = await createApiApp(ctx.config);
    await second.listen(0, '127.0.0.1');
    secondUrl = `http://127.0.0.1:${(second.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await second?.close();
    await stack?.close();
    await fx?.close();
    await ctx?.dispose();
  });

  it('throttles 30 guesses at one account from 15 addresses spread over two api instances', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 30; i += 1) {
      answers.push(
        await signInFrom(i % 2 ? secondUrl : stack.apiUrl, `127.0.0.${10 + (i % 15)}`, rider.email, `wrong-guess-${i}`),
      );
    }
    expect(answers.slice(0, 10).map((a) => a.status)).toEqual(Array(10).fill(401));
    const refused = answers.slice(10);
    expect(refused.map((a) => [a.status, a.code])).toEqual(Array(20).fill([429, 'RATE_LIMITED']));
    expect(refused.every((a) => Number(a.retryAfter) >= 1)).toBe(true);
  });

  it('throttles 30 emails tried from one address', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 30; i += 1)
      answers.push(await signInFrom(stack.apiUrl, '127.0.0.77', `nobody${i}@example.com`, 'wrong-guess'));
    expect(answers.slice(0, 20).map((a) => a.status)).toEqual(Array(20).fill(401));
    expect(answers.slice(20).map((a) => [a.status, a.code])).toEqual(Array(10).fill([429, 'RATE_LIMITED']));
    expect(answers.slice(20).every((a) => Number(a.retryAfter) >= 1)).toBe(true);
    // Another address is not held up by this one.
    expect((await signInFrom(stack.apiUrl, '127.0.0.78', admin.email, admin.password)).status).toBe(200);
  });

  it('backs off: each block after the limit lasts twice as long as the one before', async () => {
    const email = 'backoff.target@example.com';
    for (let i = 0; i < 10; i += 1)
      expect((await signInFrom(stack.apiUrl, `127.0.0.${100 + i}`, email, `guess-${i}`)).status).toBe(401);
    const blocks: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      const refused = await signInFrom(stack.apiUrl, `127.0.0.${91 + round}`, email, `guess-more-${round}`);
      expect([refused.status, refused.code]).toEqual([429, 'RATE_LIMITED']);
      blocks.push(refused.retryAfter!);
      await sleep(Number(refused.retryAfter) * 1000 + 300);
    }
    expect(blocks).toEqual(['1', '2', '4']);
  });

  it('puts Retry-After on every 429: the per-minute sign-in and booking limits too', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 6; i += 1)
      answers.push(await signInFrom(stack.apiUrl, '127.0.0.120', admin.email, admin.password));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(answers[5].retryAfter)).toBeGreaterThanOrEqual(1);

    const token = (await signIn(stack.apiUrl, rider.email, rider.password)).accessToken;
    const book = () =>
      fetch(`${stack.apiUrl}/v1/rides`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          pickupStopId: fx.stop('gd-oryu-stn'),
          dropoffStopId: fx.stop('gd-f-hanbit'),
          passengers: 1,
          timeMode: 'now',
        }),
      });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 3; i += 1) {
      last = await book();
      statuses.push(last.status);
    }
    expect(statuses[2]).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
