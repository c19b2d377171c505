import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { connectSocket, RunningStack, signIn, startStack } from './support/stack';
import { createTestContext, TestContext } from './support/test-context';

const admin = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;
const dispatcher = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;

describe('observability and guard rails', () => {
  let ctx: TestContext;
  let stack: RunningStack;

  beforeAll(async () => {
    ctx = await createTestContext({
      seed: true,
      env: { RATE_LIMIT_SIGN_IN_PER_MIN: '3', RATE_LIMIT_BOOKING_PER_MIN: '2' },
    });
    stack = await startStack(ctx);
  });
  afterAll(async () => {
    await stack?.close();
    await ctx?.dispose();
  });

  it('exposes Prometheus metrics: HTTP latency, queue depth, connected sockets', async () => {
    await fetch(`${stack.apiUrl}/v1/areas`);
    const api = await (await fetch(`${stack.apiUrl}/metrics`)).text();
    expect(api).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/v1\/areas"/);
    expect(api).toMatch(/dispatch_queue_jobs\{queue="dispatch",state="waiting"\}/);
    const dispatcherMetrics = await (await fetch(`${stack.dispatcherUrl}/metrics`)).text();
    expect(dispatcherMetrics).toContain('dispatch_assignment_latency_seconds');

    const session = await signIn(stack.apiUrl, dispatcher.email, dispatcher.password);
    const socket = await connectSocket(stack.gatewayUrl, session.accessToken);
    const gateway = await (await fetch(`${stack.gatewayUrl}/metrics`)).text();
    expect(gateway).toMatch(/gateway_connected_sockets \d+/);
    expect(Number(/gateway_connected_sockets (\d+)/.exec(gateway)![1])).toBeGreaterThanOrEqual(1);
    socket.close();
  });

  it('sends security headers and request ids', async () => {
    const response = await fetch(`${stack.apiUrl}/v1/areas`, { headers: { 'x-request-id': 'test-request-0001' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBeTruthy();
    const bad = await fetch(`${stack.apiUrl}/v1/areas/not-a-uuid`, {
      headers: { 'x-request-id': 'test-request-0002' },
    });
    expect(((await bad.json()) as { requestId: string }).requestId).toBe('test-request-0002');
  });

  it('shows the queue dashboard to admins only', async () => {
    expect((await fetch(`${stack.apiUrl}/admin/queues`)).status).toBe(401);
    const d = await signIn(stack.apiUrl, dispatcher.email, dispatcher.password);
    expect(
      (await fetch(`${stack.apiUrl}/admin/queues`, { headers: { authorization: `Bearer ${d.accessToken}` } })).status,
    ).toBe(403);
    const a = await signIn(stack.apiUrl, admin.email, admin.password);
    const page = await fetch(`${stack.apiUrl}/admin/queues?token=${a.accessToken}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
  });

  it('rate-limits sign-in attempts per address and email with a stable code', async () => {
    const attempt = () =>
      fetch(`${stack.apiUrl}/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nobody@demo.geomdan.kr', password: 'wrong' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { code: string }).code).toBe('RATE_LIMITED');
  });

  it('rate-limits bookings per account', async () => {
    const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
    const token = (await signIn(stack.apiUrl, rider.email, rider.password)).accessToken;
    // Invalid bodies still count: the limit protects the endpoint, whatever is sent.
    const book = () =>
      fetch(`${stack.apiUrl}/v1/rides`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{}',
      });
    expect((await book()).status).toBe(400);
    expect((await book()).status).toBe(400);
    const limited = await book();
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { code: string }).code).toBe('RATE_LIMITED');
    // Another account is not affected.
    const other = (await signIn(stack.apiUrl, dispatcher.email, dispatcher.password)).accessToken;
    const phone = await fetch(`${stack.apiUrl}/v1/dispatch/rides`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${other}` },
      body: '{}',
    });
    expect(phone.status).toBe(400);
  });

  it('rotates refresh tokens: a used one is refused', async () => {
    const first = await signIn(stack.apiUrl, admin.email, admin.password);
    const refresh = (token: string) =>
      fetch(`${stack.apiUrl}/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: token }),
      });
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    const replay = await refresh(first.refreshToken);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { code: string }).code).toBe('AUTH_REFRESH_INVALID');
  });
});
