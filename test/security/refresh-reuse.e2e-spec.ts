import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { api } from '../support/shuttle-fixtures';
import { RunningStack, signIn, startStack } from '../support/stack';
import { createTestContext, TestContext } from '../support/test-context';

interface Pair {
  accessToken: string;
  refreshToken: string;
}

/** OAuth 2.0 Security BCP: a rotated refresh token presented again revokes its whole family. */
describe('refresh token reuse', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
  const refresh = (refreshToken: string) =>
    api<Pair & { code?: string }>(stack.apiUrl, 'POST', '/v1/auth/refresh', null, { refreshToken });

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    stack = await startStack(ctx);
  });
  afterAll(async () => {
    await stack?.close();
    await ctx?.dispose();
  });

  it('revokes every descendant when a rotated token is replayed, and leaves other sign-ins alone', async () => {
    const a = await signIn(stack.apiUrl, rider.email, rider.password);
    const otherDevice = await signIn(stack.apiUrl, rider.email, rider.password);
    const b = await refresh(a.refreshToken);
    expect(b.status).toBe(200);
    const c = await refresh(b.body.refreshToken);
    expect(c.status).toBe(200);

    // Someone replays A (stolen before it was rotated): refused, and C (the family's live token) dies too.
    const replay = await refresh(a.refreshToken);
    expect([replay.status, replay.body.code]).toEqual([401, 'AUTH_REFRESH_INVALID']);
    const afterReplay = await refresh(c.body.refreshToken);
    expect([afterReplay.status, afterReplay.body.code]).toEqual([401, 'AUTH_REFRESH_INVALID']);

    // The phone signed in separately is another family.
    expect((await refresh(otherDevice.refreshToken)).status).toBe(200);
  });

  it('revokes the family when the replayed token is the one just rotated', async () => {
    const a = await signIn(stack.apiUrl, rider.email, rider.password);
    const b = await refresh(a.refreshToken);
    expect(b.status).toBe(200);
    expect((await refresh(a.refreshToken)).status).toBe(401);
    expect((await refresh(b.body.refreshToken)).status).toBe(401);
  });
});
