import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { api, openShuttleAroundTheClock, ShuttleFixture } from './support/shuttle-fixtures';
import { RunningStack, signIn, startStack } from './support/stack';
import { createTestContext, TestContext } from './support/test-context';

const dispatcher = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;

/** Phone bookings and rider accounts share one person per phone number. */
describe('shuttle: phone bookings and rider accounts', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  let fx: ShuttleFixture;
  let dispatcherToken: string;

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    fx = await openShuttleAroundTheClock(ctx);
    stack = await startStack(ctx);
    dispatcherToken = (await signIn(stack.apiUrl, dispatcher.email, dispatcher.password)).accessToken;
  });

  afterAll(async () => {
    await stack?.close();
    await fx?.close();
    await ctx?.dispose();
  });

  const bookByPhone = (callerPhone: string) =>
    api<{ id: string; status: string }>(stack.apiUrl, 'POST', '/v1/dispatch/rides', dispatcherToken, {
      pickupStopId: fx.stop('gd-oryu-stn'),
      dropoffStopId: fx.stop('gd-f-hanbit'),
      passengers: 1,
      timeMode: 'now',
      callerName: '이전화',
      callerPhone,
    });
  const areasOf = async (userId: string) =>
    (await fx.db.query<{ area_id: string }>('SELECT area_id FROM user_areas WHERE user_id = $1', [userId])).rows.map(
      (r) => r.area_id,
    );

  it('books for an existing app rider by phone without widening the areas that rider may book in', async () => {
    const signed = await api<{ user: { id: string } }>(stack.apiUrl, 'POST', '/v1/riders/sign-up', null, {
      employerCode: 'DAESUNG02',
      email: 'app.rider@daesung.example',
      password: 'a-long-password',
      displayName: '앱사용자',
      phone: '010-5555-0101',
    });
    expect(signed.status).toBe(201);
    const userId = signed.body.user.id;
    // As if the account belonged to another park: it has no membership of this area.
    await fx.db.query('DELETE FROM user_areas WHERE user_id = $1', [userId]);

    const booked = await bookByPhone('010-5555-0101');
    expect(booked.status).toBe(202);
    const ride = await fx.db.query<{ rider_user_id: string }>('SELECT rider_user_id FROM rides WHERE id = $1', [
      booked.body.id,
    ]);
    expect(ride.rows[0].rider_user_id).toBe(userId);
    expect(await areasOf(userId)).toEqual([]);
  });

  it('lets a person first booked by phone sign up later and keeps their rides', async () => {
    const booked = await bookByPhone('010-5555-0202');
    expect(booked.status).toBe(202);
    const phoneRider = (
      await fx.db.query<{ rider_user_id: string }>('SELECT rider_user_id FROM rides WHERE id = $1', [booked.body.id])
    ).rows[0].rider_user_id;

    const signed = await api<{ accessToken: string; user: { id: string; role: string; areaIds: string[] } }>(
      stack.apiUrl,
      'POST',
      '/v1/riders/sign-up',
      null,
      {
        employerCode: 'HANBIT01',
        email: 'was.by.phone@hanbit.example',
        password: 'a-long-password',
        displayName: '이전화',
        phone: '010 5555 0202',
      },
    );
    expect(signed.status).toBe(201);
    expect(signed.body.user).toMatchObject({ id: phoneRider, role: 'rider', areaIds: [fx.areaId] });
    const user = await fx.db.query<{ email: string; company_id: string | null; has_password: boolean }>(
      'SELECT email, company_id, password_hash IS NOT NULL AS has_password FROM users WHERE id = $1',
      [phoneRider],
    );
    expect(user.rows[0]).toMatchObject({ email: 'was.by.phone@hanbit.example', has_password: true });
    expect(user.rows[0].company_id).not.toBeNull();
    // Requested, or already rejected (no van is on line here): it is theirs either way.
    const current = await api<{ id: string }[]>(
      stack.apiUrl,
      'GET',
      '/v1/rides?scope=current',
      signed.body.accessToken,
    );
    const past = await api<{ id: string }[]>(stack.apiUrl, 'GET', '/v1/rides?scope=past', signed.body.accessToken);
    expect([current.status, past.status]).toEqual([200, 200]);
    expect([...current.body, ...past.body].map((r) => r.id)).toContain(booked.body.id);
    const again = await signIn(stack.apiUrl, 'was.by.phone@hanbit.example', 'a-long-password');
    expect(again.user.id).toBe(phoneRider);

    // A phone that belongs to a real account still cannot be signed up again.
    const taken = await api<{ code: string }>(stack.apiUrl, 'POST', '/v1/riders/sign-up', null, {
      employerCode: 'HANBIT01',
      email: 'someone.else@hanbit.example',
      password: 'a-long-password',
      displayName: '다른사람',
      phone: '010-5555-0202',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('PHONE_TAKEN');
  });
});
