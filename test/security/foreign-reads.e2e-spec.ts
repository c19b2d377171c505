import { randomUUID } from 'node:crypto';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { api, openShuttleAroundTheClock, ShuttleFixture } from '../support/shuttle-fixtures';
import { RunningStack, signIn, startStack } from '../support/stack';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * Someone else's record must read exactly like no record: a 403 where an unknown id gets a 404
 * tells an attacker that the id exists (and, for a place, that someone lives there).
 */
describe('foreign records read as missing ones', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  let fx: ShuttleFixture;
  const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    fx = await openShuttleAroundTheClock(ctx);
    stack = await startStack(ctx);
  });
  afterAll(async () => {
    await stack?.close();
    await fx?.close();
    await ctx?.dispose();
  });

  /** Status and code of a request for the id, next to those for an id nobody has. */
  const compare = async (token: string, method: string, path: (id: string) => string, id: string, body?: unknown) => {
    const foreign = await api<{ code: string }>(stack.apiUrl, method, path(id), token, body);
    const unknown = await api<{ code: string }>(stack.apiUrl, method, path(randomUUID()), token, body);
    return {
      path: path(':id'),
      foreign: [foreign.status, foreign.body.code],
      unknown: [unknown.status, unknown.body.code],
    };
  };

  it('answers a driver acting on another driver’s ride as if there were no such ride', async () => {
    const drivers: Record<string, string> = {};
    for (const email of ['driver1@demo.geomdan.kr', 'driver2@demo.geomdan.kr']) {
      drivers[email] = (await signIn(stack.apiUrl, email, 'staff-demo-1234')).accessToken;
      expect((await api(stack.apiUrl, 'POST', '/v1/driver/shifts/start', drivers[email], {})).status).toBe(200);
    }
    const riderToken = (await signIn(stack.apiUrl, rider.email, rider.password)).accessToken;
    const booked = await api<{ id: string }>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-oryu-stn'),
      dropoffStopId: fx.stop('gd-f-hanbit'),
      passengers: 1,
      timeMode: 'now',
    });
    expect(booked.status).toBe(202);
    let owner: string | undefined;
    for (let i = 0; i < 100 && !owner; i += 1) {
      owner = (
        await fx.db.query<{ email: string }>(
          'SELECT u.email FROM rides r JOIN users u ON u.id = r.driver_user_id WHERE r.id = $1',
          [booked.body.id],
        )
      ).rows[0]?.email;
      if (!owner) await new Promise((r) => setTimeout(r, 100));
    }
    expect(owner).toBeDefined();
    const wrongDriver =
      owner === 'driver1@demo.geomdan.kr' ? drivers['driver2@demo.geomdan.kr'] : drivers['driver1@demo.geomdan.kr'];
    for (const step of ['arrive', 'pickup', 'no-show', 'dropoff']) {
      const seen = await compare(wrongDriver, 'POST', (id) => `/v1/driver/rides/${id}/${step}`, booked.body.id, {});
      expect(seen).toEqual({ path: seen.path, foreign: [404, 'RIDE_NOT_FOUND'], unknown: [404, 'RIDE_NOT_FOUND'] });
    }
  });

  it('answers a dispatcher asking for another area’s records as if there were none', async () => {
    // A dispatcher of Free-Lug only asks for Geomdan's ride, van, stop, company and shift.
    const freelug = (await fx.db.query<{ id: string }>(`SELECT id FROM service_areas WHERE code = 'freelug'`)).rows[0]
      .id;
    const dispatcherId = (
      await fx.db.query<{ id: string }>(`SELECT id FROM users WHERE email = 'dispatcher@demo.geomdan.kr'`)
    ).rows[0].id;
    await fx.db.query(`DELETE FROM user_areas WHERE user_id = $1 AND area_id <> $2`, [dispatcherId, freelug]);
    const dispatcher = (await signIn(stack.apiUrl, 'dispatcher@demo.geomdan.kr', 'dispatch-demo-1234')).accessToken;
    const one = async (table: string) =>
      (await fx.db.query<{ id: string }>(`SELECT id FROM ${table} WHERE area_id = $1 LIMIT 1`, [fx.areaId])).rows[0].id;
    const [ride, van, place, company, shift] = [
      await one('rides'),
      await one('vehicles'),
      await one('places'),
      await one('companies'),
      await one('shifts'),
    ];

    const seen = [
      await compare(dispatcher, 'POST', (id) => `/v1/dispatch/rides/${id}/move-preview`, ride, { vehicleId: van }),
      await compare(dispatcher, 'POST', (id) => `/v1/dispatch/rides/${id}/move`, ride, { vehicleId: van }),
      await compare(dispatcher, 'GET', (id) => `/v1/dispatch/rides/${id}/decisions`, ride),
      await compare(dispatcher, 'GET', (id) => `/v1/rides/${id}`, ride),
      await compare(dispatcher, 'GET', (id) => `/v1/admin/vehicles/${id}`, van),
      await compare(dispatcher, 'POST', (id) => `/v1/admin/vehicles/${id}/out-of-service`, van, {}),
      await compare(dispatcher, 'POST', (id) => `/v1/admin/vehicles/${id}/in-service`, van, {}),
      await compare(dispatcher, 'GET', (id) => `/v1/admin/places/${id}`, place),
      await compare(dispatcher, 'GET', (id) => `/v1/admin/companies/${id}`, company),
      await compare(dispatcher, 'GET', (id) => `/v1/admin/companies/${id}/riders`, company),
      await compare(dispatcher, 'GET', (id) => `/v1/admin/shifts/${id}`, shift),
    ];
    expect(
      seen.filter((s) => s.unknown[0] !== 404 || s.foreign[0] !== s.unknown[0] || s.foreign[1] !== s.unknown[1]),
    ).toEqual([]);
  });
});
