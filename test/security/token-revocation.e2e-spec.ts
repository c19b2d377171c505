import { Socket } from 'socket.io-client';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { api, openShuttleAroundTheClock, ShuttleFixture } from '../support/shuttle-fixtures';
import { connectSocket, RunningStack, signIn, startStack } from '../support/stack';
import { createTestContext, TestContext } from '../support/test-context';

/** Polls until the answer changes from 200 (or the deadline passes), and returns the last answer. */
async function untilRefused(call: () => Promise<{ status: number; body: { code?: string } }>, deadlineMs = 15_000) {
  const end = Date.now() + deadlineMs;
  let last = await call();
  while (last.status === 200 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 250));
    last = await call();
  }
  return { status: last.status, code: last.body.code };
}

/** An access token lives 15 minutes; a deactivation or an area change must bite within seconds. */
describe('access tokens are re-checked against the account', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  let fx: ShuttleFixture;
  const sockets: Socket[] = [];
  const admin = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    fx = await openShuttleAroundTheClock(ctx);
    stack = await startStack(ctx);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await stack?.close();
    await fx?.close();
    await ctx?.dispose();
  });

  it('stops a deactivated staff member’s token reading /v1/auth/me and cuts their open socket', async () => {
    const staff = await signIn(stack.apiUrl, 'driver1@demo.geomdan.kr', 'staff-demo-1234');
    expect((await api(stack.apiUrl, 'GET', '/v1/auth/me', staff.accessToken)).status).toBe(200);
    const socket = await connectSocket(stack.gatewayUrl, staff.accessToken);
    sockets.push(socket);
    const cut = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(String(reason))));

    const adminToken = (await signIn(stack.apiUrl, admin.email, admin.password)).accessToken;
    const staffId = (
      await fx.db.query<{ id: string }>(
        `SELECT s.id FROM staff s JOIN users u ON u.id = s.user_id WHERE u.email = 'driver1@demo.geomdan.kr'`,
      )
    ).rows[0].id;
    expect((await api(stack.apiUrl, 'POST', `/v1/admin/staff/${staffId}/deactivate`, adminToken, {})).status).toBe(200);

    expect(await untilRefused(() => api(stack.apiUrl, 'GET', '/v1/auth/me', staff.accessToken))).toEqual({
      status: 401,
      code: 'AUTH_TOKEN_REVOKED',
    });
    expect(await Promise.race([cut, new Promise((r) => setTimeout(() => r('still connected'), 15_000))])).toBe(
      'io server disconnect',
    );
    await expect(connectSocket(stack.gatewayUrl, staff.accessToken)).rejects.toMatchObject({
      data: { code: 'AUTH_TOKEN_REVOKED' },
    });
  });

  it('stops a dispatcher removed from an area reading its rides', async () => {
    const dispatcher = await signIn(stack.apiUrl, 'dispatcher@demo.geomdan.kr', 'dispatch-demo-1234');
    const rides = () =>
      api<{ code?: string }>(stack.apiUrl, 'GET', `/v1/dispatch/rides?areaId=${fx.areaId}`, dispatcher.accessToken);
    expect((await rides()).status).toBe(200);
    await fx.db.query(`DELETE FROM user_areas WHERE user_id = $1 AND area_id = $2`, [dispatcher.user.id, fx.areaId]);
    expect(await untilRefused(rides)).toEqual({ status: 401, code: 'AUTH_TOKEN_REVOKED' });
  });

  it('honours at once a token signed in after the change, though the account was read just before it', async () => {
    const dispatcher = await signIn(stack.apiUrl, 'dispatcher@demo.geomdan.kr', 'dispatch-demo-1234');
    // The api reads (and keeps for a few seconds) the account's areas for this request...
    expect((await api(stack.apiUrl, 'GET', '/v1/auth/me', dispatcher.accessToken)).status).toBe(200);
    // ...then the dispatcher's areas change (one area more, or one fewer) and they sign in again:
    // the new token claims what is true now.
    const area = (await fx.db.query<{ id: string }>(`SELECT id FROM service_areas ORDER BY code LIMIT 1`)).rows[0].id;
    const removed = await fx.db.query(`DELETE FROM user_areas WHERE user_id = $1 AND area_id = $2`, [
      dispatcher.user.id,
      area,
    ]);
    if (!removed.rowCount)
      await fx.db.query(`INSERT INTO user_areas (user_id, area_id) VALUES ($1, $2)`, [dispatcher.user.id, area]);
    const again = await signIn(stack.apiUrl, 'dispatcher@demo.geomdan.kr', 'dispatch-demo-1234');
    const me = await api<{ code?: string }>(stack.apiUrl, 'GET', '/v1/auth/me', again.accessToken);
    expect([me.status, me.body.code]).toEqual([200, undefined]);
    // The old token, which claims the areas of before, is refused.
    expect(await untilRefused(() => api(stack.apiUrl, 'GET', '/v1/auth/me', dispatcher.accessToken))).toEqual({
      status: 401,
      code: 'AUTH_TOKEN_REVOKED',
    });
  });
});
