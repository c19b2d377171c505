import { Socket } from 'socket.io-client';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { connectSocket, nextEvent, RunningStack, signIn, startStack } from './support/stack';
import { createTestContext, TestContext } from './support/test-context';

const dispatcherAccount = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;
const riderAccount = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;

describe('platform wiring: api → queue → dispatcher → gateway', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    stack = await startStack(ctx);
  });

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await stack?.close();
    await ctx?.dispose();
  });

  it('reports all three apps healthy on real Postgres and Redis', async () => {
    for (const url of [stack.apiUrl, stack.dispatcherUrl, stack.gatewayUrl]) {
      const response = await fetch(`${url}/health`);
      const body = (await response.json()) as { status: string; details: Record<string, { status: string }> };
      expect(response.status).toBe(200);
      expect(body.details.database.status).toBe('up');
      expect(body.details.redis.status).toBe('up');
    }
  });

  it("delivers the dispatcher's result of an api request to the caller's socket", async () => {
    const session = await signIn(stack.apiUrl, dispatcherAccount.email, dispatcherAccount.password);
    const socket = await connectSocket(stack.gatewayUrl, session.accessToken);
    sockets.push(socket);
    expect(socket.rooms).toEqual(
      expect.arrayContaining([`user:${session.user.id}`, `area:${session.user.areaIds[0]}`]),
    );

    const checked = nextEvent<{ checkId: string; processedBy: string; version: number }>(socket, 'pipeline.checked');
    const response = await fetch(`${stack.apiUrl}/v1/diagnostics/pipeline-checks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
      body: JSON.stringify({ areaId: session.user.areaIds[0] }),
    });
    expect(response.status).toBe(202);
    const created = (await response.json()) as { id: string; processedAt: string | null };
    expect(created.processedAt).toBeNull(); // accepted at once, not waited for

    const event = await checked;
    expect(event.checkId).toBe(created.id);
    expect(event.processedBy).toMatch(/^dispatcher@/);
    expect(event.version).toBeGreaterThan(0);

    // Postgres is the source of truth: the row says the same as the event.
    const stored = await fetch(`${stack.apiUrl}/v1/diagnostics/pipeline-checks/${created.id}`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    }).then((r) => r.json() as Promise<{ processedAt: string }>);
    expect(stored.processedAt).not.toBeNull();
  });

  it('refuses a socket without a token at connect', async () => {
    await expect(connectSocket(stack.gatewayUrl)).rejects.toMatchObject({
      message: 'unauthorized',
      data: { code: 'AUTH_REQUIRED' },
    });
  });

  it('refuses a socket with a forged token at connect', async () => {
    const forged =
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIiwiYWlkIjpbXSwidHlwIjoiYWNjZXNzIn0.c2lnbmF0dXJl';
    await expect(connectSocket(stack.gatewayUrl, forged)).rejects.toMatchObject({
      data: { code: 'AUTH_TOKEN_INVALID' },
    });
  });

  it('keeps riders out of dispatcher diagnostics', async () => {
    const session = await signIn(stack.apiUrl, riderAccount.email, riderAccount.password);
    const response = await fetch(`${stack.apiUrl}/v1/diagnostics/pipeline-checks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('AUTH_ROLE_FORBIDDEN');
  });
});
