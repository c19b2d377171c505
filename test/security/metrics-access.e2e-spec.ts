import { networkInterfaces } from 'node:os';
import { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/api.app';
import { RunningStack, startStack } from '../support/stack';
import { createTestContext, TestContext } from '../support/test-context';

/** An address of this machine that is not loopback, if it has one (containers usually do). */
const externalIPv4 = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('/metrics access', () => {
  const METRICS_TOKEN = 'metrics-scrape-token-0123456789';
  let ctx: TestContext;
  let stack: RunningStack;

  beforeAll(async () => {
    ctx = await createTestContext({ seed: false, env: { METRICS_TOKEN } });
    stack = await startStack(ctx);
  });
  afterAll(async () => {
    await stack?.close();
    await ctx?.dispose();
  });

  it('asks every app for the bearer METRICS_TOKEN when one is configured', async () => {
    for (const base of [stack.apiUrl, stack.dispatcherUrl, stack.gatewayUrl]) {
      const anonymous = await fetch(`${base}/metrics`);
      expect({ base, status: anonymous.status, code: ((await anonymous.json()) as { code: string }).code }).toEqual({
        base,
        status: 401,
        code: 'METRICS_TOKEN_REQUIRED',
      });
      const wrong = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } });
      expect({ base, status: wrong.status }).toEqual({ base, status: 401 });
      const right = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect({ base, status: right.status }).toEqual({ base, status: 200 });
      expect(await right.text()).toContain('process_cpu_user_seconds_total');
    }
  });

  describe('without a METRICS_TOKEN', () => {
    let open: INestApplication;
    let port: number;

    beforeAll(async () => {
      open = await createApiApp({ ...ctx.config, metrics: { token: null } });
      await open.listen(0, '0.0.0.0');
      port = (open.getHttpServer().address() as { port: number }).port;
    });
    afterAll(async () => {
      await open?.close();
    });

    it('answers scrapes from this machine', async () => {
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
    });

    it('refuses a scrape relayed by a proxy, which may come from anywhere', async () => {
      const relayed = await fetch(`http://127.0.0.1:${port}/metrics`, {
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      expect(relayed.status).toBe(403);
      expect(((await relayed.json()) as { code: string }).code).toBe('METRICS_LOOPBACK_ONLY');
    });

    (externalIPv4 ? it : it.skip)('refuses a scrape from another address', async () => {
      const remote = await fetch(`http://${externalIPv4}:${port}/metrics`);
      expect(remote.status).toBe(403);
      expect(((await remote.json()) as { code: string }).code).toBe('METRICS_LOOPBACK_ONLY');
    });
  });
});
