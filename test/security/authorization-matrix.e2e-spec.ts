import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { Client } from 'pg';
import { Socket } from 'socket.io-client';
import { IS_PUBLIC, ROLES } from '@app/auth';
import { DEMO_ACCOUNTS } from '@app/database';
import { ALL_ROLES, Role } from '@app/domain';
import { RealtimePublisher, Rooms } from '@app/realtime';
import { api, openShuttleAroundTheClock, ShuttleFixture } from '../support/shuttle-fixtures';
import { connectSocket, RunningStack, signIn, startStack } from '../support/stack';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * Every role × every endpoint and socket room. The policy each endpoint declares (@Public,
 * @Roles) is read from Nest's own route metadata, so a new endpoint is covered the day it is
 * added; the test proves the policy is enforced, pins the endpoints open to any signed-in user
 * for review, and probes the data-level rules (own rides, own tasks, own areas).
 */
interface Route {
  method: string;
  path: string; // Express style, e.g. /v1/rides/:id
  isPublic: boolean;
  roles: Role[] | null;
}

/** Endpoints any signed-in user may call; each scopes its data to the caller (reviewed list). */
const ANY_SIGNED_IN = [
  'GET /v1/auth/me', // the caller's own account
  'GET /v1/rides/:id', // its rider, its driver, a dispatcher of its area, admins; 404 for anyone else
];

const uuid = '00000000-0000-4000-8000-000000000000';
const fill = (path: string) => path.replace(/:[A-Za-z]+/g, uuid);

describe('authorization matrix', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  let fx: ShuttleFixture;
  let db: Client;
  const tokens = new Map<Role | 'anonymous', string | null>();
  const sockets: Socket[] = [];

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    fx = await openShuttleAroundTheClock(ctx);
    db = fx.db;
    stack = await startStack(ctx);
    tokens.set('anonymous', null);
    for (const role of ALL_ROLES) {
      const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
      tokens.set(role, (await signIn(stack.apiUrl, account.email, account.password)).accessToken);
    }
  });

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await stack?.close();
    await fx?.close();
    await ctx?.dispose();
  });

  function routes(): Route[] {
    const app = stack.apps.api;
    const discovery = app.get(DiscoveryService);
    const reflector = app.get(Reflector);
    const out: Route[] = [];
    for (const wrapper of discovery.getControllers()) {
      const controller = wrapper.metatype as (new () => unknown) | undefined;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const subPath = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (subPath === undefined || method === undefined) continue;
        const path = `/${[base, subPath].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
        out.push({
          method: RequestMethod[method],
          path,
          isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller]) ?? false,
          roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES, [handler, controller]) ?? null,
        });
      }
    }
    return out.filter((r) => r.path !== '/health' && r.path !== '/metrics');
  }

  it('opens no endpoint to every signed-in user beyond the reviewed list', () => {
    const open = routes()
      .filter((r) => !r.isPublic && r.roles === null)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(open).toEqual([...ANY_SIGNED_IN].sort());
  });

  it('keeps admin writes for admins only (dispatchers may only take vans of their areas off and on service)', () => {
    const adminWrites = routes().filter((r) => r.path.startsWith('/v1/admin/') && r.method !== 'GET');
    expect(adminWrites.length).toBeGreaterThan(10);
    // The reviewed exceptions: board actions, scoped to the dispatcher's areas in the service.
    const dispatcherToo = new Set([
      'POST /v1/admin/vehicles/:id/out-of-service',
      'POST /v1/admin/vehicles/:id/in-service',
    ]);
    for (const r of adminWrites) {
      const route = `${r.method} ${r.path}`;
      expect({ route, roles: r.roles }).toEqual({
        route,
        roles: dispatcherToo.has(route) ? [Role.Dispatcher, Role.Admin] : [Role.Admin],
      });
    }
    expect(adminWrites.filter((r) => dispatcherToo.has(`${r.method} ${r.path}`))).toHaveLength(dispatcherToo.size);
  });

  it('shows riders only their own rides, and lets drivers act only on their own', async () => {
    const signUp = await api<{ accessToken: string }>(stack.apiUrl, 'POST', '/v1/riders/sign-up', null, {
      employerCode: 'DAESUNG02',
      email: 'other.worker@daesung.example',
      password: 'other-pass-1234',
      displayName: '김다른',
    });
    expect(signUp.status).toBe(201);
    const otherRider = signUp.body.accessToken;
    const driverTokens: string[] = [];
    for (const email of ['driver1@demo.geomdan.kr', 'driver2@demo.geomdan.kr']) {
      const t = (await signIn(stack.apiUrl, email, 'staff-demo-1234')).accessToken;
      expect((await api(stack.apiUrl, 'POST', '/v1/driver/shifts/start', t, {})).status).toBe(200);
      driverTokens.push(t);
    }
    const booked = await api<{ id: string }>(stack.apiUrl, 'POST', '/v1/rides', tokens.get(Role.Rider)!, {
      pickupStopId: fx.stop('gd-oryu-stn'),
      dropoffStopId: fx.stop('gd-f-hanbit'),
      passengers: 1,
      timeMode: 'now',
    });
    expect(booked.status).toBe(202);
    const rideId = booked.body.id;

    expect((await api(stack.apiUrl, 'GET', `/v1/rides/${rideId}`, otherRider)).status).toBe(404);
    expect(
      (await api(stack.apiUrl, 'POST', `/v1/rides/${rideId}/cancel`, otherRider, { reason: 'not mine' })).status,
    ).toBe(404);
    const mine = await api<Array<{ id: string }> | { items: Array<{ id: string }> }>(
      stack.apiUrl,
      'GET',
      '/v1/rides',
      otherRider,
    );
    const list = Array.isArray(mine.body) ? mine.body : mine.body.items;
    expect(list.map((r) => r.id)).not.toContain(rideId);

    // Wait for the assignment, then let the wrong driver try every step.
    let vehicleId: string | null = null;
    for (let i = 0; i < 50 && !vehicleId; i += 1) {
      vehicleId = (
        await db.query<{ vehicle_id: string | null }>('SELECT vehicle_id FROM rides WHERE id = $1', [rideId])
      ).rows[0].vehicle_id;
      if (!vehicleId) await new Promise((r) => setTimeout(r, 100));
    }
    expect(vehicleId).not.toBeNull();
    const owner = await db.query<{ email: string }>(
      'SELECT u.email FROM rides r JOIN users u ON u.id = r.driver_user_id WHERE r.id = $1',
      [rideId],
    );
    expect(owner.rows).toHaveLength(1);
    const wrongDriver = owner.rows[0].email === 'driver1@demo.geomdan.kr' ? driverTokens[1] : driverTokens[0];
    for (const step of ['arrive', 'pickup', 'no-show', 'dropoff']) {
      const attempt = await api<{ code: string }>(
        stack.apiUrl,
        'POST',
        `/v1/driver/rides/${rideId}/${step}`,
        wrongDriver,
        {},
      );
      expect([attempt.status, attempt.body.code]).toEqual([404, 'RIDE_NOT_FOUND']);
    }
    const after = await api<{ status: string }>(stack.apiUrl, 'GET', `/v1/rides/${rideId}`, tokens.get(Role.Rider)!);
    expect(after.body.status).toBe('assigned');
  });

  it('keeps a dispatcher to their own areas', async () => {
    // A dispatcher of Free-Lug only.
    const freelug = (await db.query<{ id: string }>(`SELECT id FROM service_areas WHERE code = 'freelug'`)).rows[0].id;
    const dispatcherId = (
      await db.query<{ id: string }>(`SELECT id FROM users WHERE email = 'dispatcher@demo.geomdan.kr'`)
    ).rows[0].id;
    await db.query(`DELETE FROM user_areas WHERE user_id = $1 AND area_id <> $2`, [dispatcherId, freelug]);
    const scoped = (await signIn(stack.apiUrl, 'dispatcher@demo.geomdan.kr', 'dispatch-demo-1234')).accessToken;
    const geomdanArea = await api<{ code: string }>(stack.apiUrl, 'GET', `/v1/admin/areas/${fx.areaId}`, scoped);
    expect(geomdanArea.status).toBe(403);
    expect(geomdanArea.body.code).toBe('AREA_FORBIDDEN');
    const phone = await api<{ code: string }>(stack.apiUrl, 'POST', '/v1/dispatch/rides', scoped, {
      pickupStopId: fx.stop('gd-oryu-stn'),
      dropoffStopId: fx.stop('gd-f-hanbit'),
      passengers: 1,
      timeMode: 'now',
      callerName: '전화 손님',
      callerPhone: '010-5555-1234',
    });
    expect([403, 422]).toContain(phone.status);
    expect(
      Number(
        (
          await db
            .query(`SELECT count(*) AS n FROM rides WHERE caller_phone IS NOT NULL`)
            .catch(() => ({ rows: [{ n: 0 }] }))
        ).rows[0].n,
      ),
    ).toBe(0);
  });

  it('delivers socket events only to the rooms that may see them', async () => {
    const connect = async (role: Role) => {
      const s = await connectSocket(stack.gatewayUrl, tokens.get(role)!);
      sockets.push(s);
      const got: string[] = [];
      s.onAny((event: string, payload: { tag?: string }) => payload?.tag && got.push(payload.tag));
      return { s, got };
    };
    const rider = await connect(Role.Rider);
    const staff = await connect(Role.Staff);
    const traveller = await connect(Role.Traveller);
    const admin = await connect(Role.Admin);
    // The dispatcher was narrowed to Free-Lug above; a fresh token carries the new areas
    // (a token issued before keeps its areas until it expires: JWT_ACCESS_TTL_S).
    const narrowed = (await signIn(stack.apiUrl, 'dispatcher@demo.geomdan.kr', 'dispatch-demo-1234')).accessToken;
    tokens.set(Role.Dispatcher, narrowed);
    const dispatcher = await connect(Role.Dispatcher);
    for (const { s } of [rider, staff, traveller])
      expect(s.rooms!.every((r: string) => r.startsWith('user:'))).toBe(true);
    const riderUserId = rider.s.rooms![0].slice('user:'.length);

    const publisher = stack.apps.api.get(RealtimePublisher);
    const event = 'pipeline.checked' as const;
    const send = (rooms: string[], tag: string) =>
      publisher.publish(rooms, event, {
        version: 1,
        checkId: tag,
        requestedAt: '',
        processedAt: '',
        processedBy: tag,
        tag,
      } as never);
    send([Rooms.area(fx.areaId)], 'area-geomdan');
    send([Rooms.admins()], 'admins-only');
    send([Rooms.user(riderUserId)], 'rider-only');
    await new Promise((r) => setTimeout(r, 500));

    expect(rider.got.sort()).toEqual(['rider-only']);
    expect(staff.got).toEqual([]);
    expect(traveller.got).toEqual([]);
    expect(admin.got.sort()).toEqual(['admins-only']);
    expect(dispatcher.got).toEqual([]);
  });

  it('refuses forged tracking tokens', async () => {
    const forged = await api<{ code: string }>(stack.apiUrl, 'GET', `/v1/tracking/${'A'.repeat(43)}`, null);
    expect([401, 404]).toContain(forged.status);
  });

  // Last: the sweep calls every endpoint, including ones that change state (shifts, online...).
  it("enforces every endpoint's declared policy for every role", async () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(40);
    const violations: string[] = [];
    for (const route of all) {
      for (const [who, token] of tokens) {
        const response = await fetch(`${stack.apiUrl}${fill(route.path)}`, {
          method: route.method,
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: route.method === 'GET' || route.method === 'HEAD' ? undefined : '{}',
        });
        const body = (await response.json().catch(() => ({}))) as { code?: string };
        const label = `${route.method} ${route.path} as ${who}: ${response.status} ${body.code ?? ''}`;
        if (response.status >= 500) violations.push(`5xx — ${label}`);
        if (route.isPublic) {
          if (response.status === 401 || body.code === 'AUTH_ROLE_FORBIDDEN')
            violations.push(`public endpoint refused — ${label}`);
          continue;
        }
        if (who === 'anonymous') {
          if (response.status !== 401) violations.push(`anonymous let in — ${label}`);
          continue;
        }
        const allowed = route.roles === null || route.roles.includes(who);
        if (!allowed && body.code !== 'AUTH_ROLE_FORBIDDEN') violations.push(`role let in — ${label}`);
        if (allowed && (response.status === 401 || body.code === 'AUTH_ROLE_FORBIDDEN'))
          violations.push(`role wrongly refused — ${label}`);
      }
    }
    expect(violations).toEqual([]);
  });
});
