import { Client } from 'pg';
import { Socket } from 'socket.io-client';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { connectSocket, RunningStack, signIn, startStack } from './support/stack';
import { createTestContext, TestContext } from './support/test-context';

/**
 * Operations (issue 9): an admin runs the service through the API alone. Areas, stops, vans,
 * staff, shifts and companies are created here; every bad input answers 4xx with a stable code
 * and writes nothing; every change lands in the audit log with before and after.
 */
const adminAccount = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;
const dispatcherAccount = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;

interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
}

// Cheongna, Seo-gu, Incheon: [lng, lat] ring, well away from the demo Geomdan park.
const CHEONGNA = {
  type: 'Polygon',
  coordinates: [
    [
      [126.62, 37.52],
      [126.66, 37.52],
      [126.66, 37.55],
      [126.62, 37.55],
      [126.62, 37.52],
    ],
  ],
};
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '23:59' }));

interface RideStatus {
  rideId: string;
  status: string;
  version: number;
  vehicle: { id: string; label: string } | null;
  rejection: { code: string; reason: string } | null;
}

/** Resolves with the first `event` payload that satisfies `match` (listener attached before the action). */
function waitFor<T>(socket: Socket, event: string, match: (payload: T) => boolean, timeoutMs = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no matching "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

describe('operations: admins run the service through the API', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  let db: Client;
  let admin: { accessToken: string; user: { id: string } };
  let dispatcher: { accessToken: string; user: { id: string; areaIds: string[] } };

  const call = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ): Promise<Reply<T>> => {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  };
  const asAdmin = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
    call<T>(method, path, admin.accessToken, body);

  /** Row counts of every table an admin write touches: a refused request must leave them all as they were. */
  const counts = async () => {
    const tables = [
      'service_areas',
      'places',
      'vehicles',
      'users',
      'staff',
      'user_areas',
      'shifts',
      'companies',
      'account_tokens',
      'audit_log',
      'outbox_messages',
    ];
    const result: Record<string, number> = {};
    for (const t of tables)
      result[t] = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
    return result;
  };

  const expectRefused = async (reply: Promise<Reply>, status: number, code: string) => {
    const before = await counts();
    const { status: got, body } = await reply;
    expect({ status: got, code: body.code }).toEqual({ status, code });
    expect(typeof body.message).toBe('string');
    expect(await counts()).toEqual(before);
    return body;
  };

  // Created along the way and checked again in the audit-log tests.
  const ids: Record<string, string> = {};
  const now = Date.now();
  const iso = (offsetMin: number) => new Date(now + offsetMin * 60_000).toISOString();

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    stack = await startStack(ctx);
    db = new Client({ connectionString: ctx.config.database.url });
    await db.connect();
    admin = await signIn(stack.apiUrl, adminAccount.email, adminAccount.password);
    dispatcher = await signIn(stack.apiUrl, dispatcherAccount.email, dispatcherAccount.password);
  });

  const sockets: Socket[] = [];

  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await db?.end();
    await stack?.close();
    await ctx?.dispose();
  });

  it('documents every admin endpoint in the OpenAPI spec', async () => {
    const spec = (await (await fetch(`${stack.apiUrl}/docs-json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const path of [
      '/v1/admin/areas',
      '/v1/admin/areas/{id}',
      '/v1/admin/places',
      '/v1/admin/places/{id}/retire',
      '/v1/admin/vehicles/{id}/out-of-service',
      '/v1/admin/staff',
      '/v1/admin/staff/{id}/reset-credentials',
      '/v1/admin/staff/{id}/deactivate',
      '/v1/admin/shifts',
      '/v1/admin/shifts/{id}/end',
      '/v1/admin/companies/{id}/suspend',
      '/v1/admin/companies/{id}/riders',
      '/v1/admin/audit-log',
      '/v1/invites/{token}/accept',
    ]) {
      expect(Object.keys(spec.paths)).toContain(path);
    }
    expect(Object.keys(spec.paths['/v1/admin/vehicles/{id}'])).toEqual(
      expect.arrayContaining(['get', 'patch', 'delete']),
    );
  });

  describe('service areas', () => {
    it('refuses a self-intersecting polygon with the crossing point, writing nothing', async () => {
      const bowTie = {
        type: 'Polygon',
        coordinates: [
          [
            [126.62, 37.52],
            [126.66, 37.55],
            [126.66, 37.52],
            [126.62, 37.55],
            [126.62, 37.52],
          ],
        ],
      };
      const body = await expectRefused(
        asAdmin('POST', '/v1/admin/areas', {
          code: 'bad-area',
          name: { ko: '잘못된 구역', en: 'Bad area' },
          kind: 'shuttle',
          boundary: bowTie,
          serviceHours: WEEKDAYS,
        }),
        422,
        'AREA_POLYGON_SELF_INTERSECTS',
      );
      expect(body.message).toMatch(/crosses itself/);
      expect((body.details as { crossings: number[][] }).crossings[0][0]).toBeCloseTo(126.64, 5);
    });

    it.each([
      [
        'an unclosed ring',
        {
          boundary: {
            type: 'Polygon',
            coordinates: [
              [
                [126.62, 37.52],
                [126.66, 37.52],
                [126.66, 37.55],
              ],
            ],
          },
        },
        'AREA_POLYGON_INVALID',
      ],
      ['opens after closes', { serviceHours: [{ weekday: 1, opens: '18:00', closes: '09:00' }] }, 'AREA_HOURS_INVALID'],
      ['an impossible holiday', { holidays: [{ date: '2026-02-30' }] }, 'AREA_HOLIDAY_INVALID'],
      ['a ride-time factor below 1', { settings: { rideTimeAlpha: 0.5 } }, 'AREA_SETTINGS_INVALID'],
    ])('refuses %s (%s)', async (_, patch, code) => {
      await expectRefused(
        asAdmin('POST', '/v1/admin/areas', {
          code: 'bad-area',
          name: { ko: '잘못된 구역', en: 'Bad area' },
          kind: 'shuttle',
          boundary: CHEONGNA,
          serviceHours: WEEKDAYS,
          ...patch,
        }),
        422,
        code,
      );
    });

    it('creates an area with hours, holidays and settings', async () => {
      const { status, body } = await asAdmin('POST', '/v1/admin/areas', {
        code: 'cheongna',
        name: { ko: '청라 무빙콜', en: 'Cheongna Moving Call' },
        kind: 'shuttle',
        boundary: { type: 'Feature', properties: {}, geometry: CHEONGNA },
        serviceHours: WEEKDAYS,
        holidays: [{ date: '2026-12-25', name: { ko: '성탄절', en: 'Christmas' } }],
        settings: {
          maxWaitMin: 20,
          rideTimeAlpha: 1.6,
          rideTimeBetaMin: 10,
          bookingHorizonDays: 7,
          sameDayCutoff: '16:00',
        },
      });
      expect(status).toBe(201);
      expect(body).toMatchObject({
        code: 'cheongna',
        name: { ko: '청라 무빙콜', en: 'Cheongna Moving Call' },
        holidays: [{ date: '2026-12-25', hours: [] }],
        settings: { maxWaitMin: 20 },
      });
      expect((body.boundary as { type: string }).type).toBe('Polygon');
      ids.area = body.id as string;
      await expectRefused(
        asAdmin('POST', '/v1/admin/areas', {
          code: 'cheongna',
          name: { ko: '중복', en: 'Dup' },
          kind: 'shuttle',
          boundary: CHEONGNA,
          serviceHours: WEEKDAYS,
        }),
        409,
        'AREA_CODE_TAKEN',
      );
    });

    it('edits an area, merging settings', async () => {
      const { status, body } = await asAdmin('PATCH', `/v1/admin/areas/${ids.area}`, {
        name: { ko: '청라 국제도시 무빙콜', en: 'Cheongna Moving Call' },
        settings: { maxWaitMin: 12 },
      });
      expect(status).toBe(200);
      expect(body).toMatchObject({
        name: { ko: '청라 국제도시 무빙콜' },
        settings: { maxWaitMin: 12, rideTimeAlpha: 1.6 },
        holidays: [{ date: '2026-12-25' }],
      });
    });

    it('lets dispatchers read only their own areas and change none', async () => {
      const list = await call<Array<{ id: string }>>('GET', '/v1/admin/areas', dispatcher.accessToken);
      expect(list.status).toBe(200);
      expect(list.body.map((a) => a.id).sort()).toEqual([...dispatcher.user.areaIds].sort());
      expect((await call('GET', `/v1/admin/areas/${ids.area}`, dispatcher.accessToken)).body.code).toBe(
        'AREA_FORBIDDEN',
      );
      await expectRefused(
        call('PATCH', `/v1/admin/areas/${ids.area}`, dispatcher.accessToken, { settings: { maxWaitMin: 5 } }),
        403,
        'AUTH_ROLE_FORBIDDEN',
      );
      expect((await call('GET', `/v1/admin/vehicles?areaId=${ids.area}`, dispatcher.accessToken)).status).toBe(403);
      const vans = await call<Array<{ areaId: string }>>('GET', '/v1/admin/vehicles', dispatcher.accessToken);
      expect(vans.body.length).toBeGreaterThan(0);
      expect(vans.body.every((v) => dispatcher.user.areaIds.includes(v.areaId))).toBe(true);
    });
  });

  describe('places and stops', () => {
    const stop = (code: string, lat: number, lng: number, extra: Record<string, unknown> = {}) => ({
      areaId: ids.area,
      code,
      name: { ko: `${code} 정류장`, en: `${code} stop` },
      kind: 'park_gate',
      lat,
      lng,
      isStop: true,
      ...extra,
    });

    it('refuses a stop outside its area and one outside every area', async () => {
      const outside = await expectRefused(
        asAdmin('POST', '/v1/admin/places', stop('cn-far', 37.6, 126.64)),
        422,
        'PLACE_OUTSIDE_AREA',
      );
      expect(outside.message).toMatch(/outside the area "cheongna"/);
      await expectRefused(
        asAdmin('POST', '/v1/admin/places', { ...stop('cn-busan', 35.1, 129.04), areaId: undefined }),
        422,
        'PLACE_OUTSIDE_EVERY_AREA',
      );
    });

    it('adds two stops, renames one in both languages and moves it', async () => {
      const a = await asAdmin('POST', '/v1/admin/places', stop('cn-north', 37.545, 126.64));
      const b = await asAdmin('POST', '/v1/admin/places', stop('cn-south', 37.525, 126.645));
      expect([a.status, b.status]).toEqual([201, 201]);
      [ids.stopA, ids.stopB] = [a.body.id as string, b.body.id as string];
      const moved = await asAdmin('PATCH', `/v1/admin/places/${ids.stopB}`, {
        name: { ko: '청라 호수공원', en: 'Cheongna Lake Park' },
        lat: 37.526,
        lng: 126.646,
      });
      expect(moved.body).toMatchObject({
        name: { ko: '청라 호수공원', en: 'Cheongna Lake Park' },
        lat: 37.526,
        lng: 126.646,
        retiredAt: null,
      });
      await expectRefused(
        asAdmin('PATCH', `/v1/admin/places/${ids.stopB}`, { lat: 37.7, lng: 126.646 }),
        422,
        'PLACE_OUTSIDE_AREA',
      );
    });

    it('refuses a boundary edit that would leave a stop outside', async () => {
      const shrunk = {
        type: 'Polygon',
        coordinates: [
          [
            [126.62, 37.53],
            [126.66, 37.53],
            [126.66, 37.55],
            [126.62, 37.55],
            [126.62, 37.53],
          ],
        ],
      };
      const body = await expectRefused(
        asAdmin('PATCH', `/v1/admin/areas/${ids.area}`, { boundary: shrunk }),
        422,
        'AREA_EXCLUDES_PLACES',
      );
      expect(body.details).toEqual({ places: [{ id: ids.stopB, code: 'cn-south' }] });
    });

    it('retires and reinstates a stop, and deletes one nothing used', async () => {
      const spare = await asAdmin('POST', '/v1/admin/places', stop('cn-spare', 37.53, 126.63));
      const retired = await asAdmin('POST', `/v1/admin/places/${spare.body.id as string}/retire`);
      expect(retired.status).toBe(200);
      expect(retired.body.retiredAt).not.toBeNull();
      const active = await asAdmin<Array<{ id: string }>>('GET', `/v1/admin/places?areaId=${ids.area}`);
      expect(active.body.map((p) => p.id)).not.toContain(spare.body.id);
      expect(
        (await asAdmin('POST', `/v1/admin/places/${spare.body.id as string}/reinstate`)).body.retiredAt,
      ).toBeNull();
      expect((await asAdmin('DELETE', `/v1/admin/places/${spare.body.id as string}`)).status).toBe(204);
      ids.deletedPlace = spare.body.id as string;
    });
  });

  describe('fleet', () => {
    const van = (plate: string, extra: Record<string, unknown> = {}) => ({
      areaId: ids.area,
      plate,
      label: '청라 1호',
      seats: 11,
      bagSlots: 0,
      wheelchairAccessible: true,
      ...extra,
    });

    it.each([
      ['zero seats', { seats: 0 }],
      ['negative seats', { seats: -3 }],
      ['negative bag slots', { bagSlots: -1 }],
    ])('refuses %s as VEHICLE_CAPACITY_INVALID', async (_, patch) => {
      const body = await expectRefused(
        asAdmin('POST', '/v1/admin/vehicles', van('인천 70바 9001', patch)),
        422,
        'VEHICLE_CAPACITY_INVALID',
      );
      expect(body.message).toMatch(/seat|bag/);
    });

    it('registers a van with a home depot, refuses a second van with its plate', async () => {
      const { status, body } = await asAdmin(
        'POST',
        '/v1/admin/vehicles',
        van('인천 70바  9001', { homePlaceId: ids.stopA }),
      );
      expect(status).toBe(201);
      expect(body).toMatchObject({ plate: '인천 70바 9001', seats: 11, inService: true, homePlaceId: ids.stopA });
      ids.van = body.id as string;
      await expectRefused(asAdmin('POST', '/v1/admin/vehicles', van('인천 70바 9001')), 409, 'VEHICLE_PLATE_TAKEN');
      const spare = await asAdmin('POST', '/v1/admin/vehicles', van('인천 70바 9002', { label: '청라 2호' }));
      ids.van2 = spare.body.id as string;
      const edited = await asAdmin('PATCH', `/v1/admin/vehicles/${ids.van2}`, { seats: 9, label: '청라 2호 (소형)' });
      expect(edited.body).toMatchObject({ seats: 9, label: '청라 2호 (소형)' });
    });
  });

  describe('staff', () => {
    it('invites a driver by link; the link sets a password once', async () => {
      const { status, body } = await asAdmin<{
        staff: { id: string; userId: string; hasCredentials: boolean; areaIds: string[] };
        invite: { url: string; token: string };
      }>('POST', '/v1/admin/staff', {
        email: 'Driver.Cheongna@example.kr',
        displayName: '김도윤',
        kind: 'driver',
        phone: '010-2001-9001',
        language: 'ko',
        areaIds: [ids.area],
      });
      expect(status).toBe(201);
      expect(body.staff).toMatchObject({
        hasCredentials: false,
        areaIds: [ids.area],
        active: true,
        email: 'driver.cheongna@example.kr',
      });
      expect(body.invite.url).toMatch(new RegExp(`/invite/${body.invite.token}$`));
      ids.staff = body.staff.id;
      ids.staffUser = body.staff.userId;
      // Only the hash is stored.
      const stored = await db.query<{ token_hash: string }>(
        'SELECT token_hash FROM account_tokens WHERE user_id = $1',
        [ids.staffUser],
      );
      expect(stored.rows[0].token_hash).not.toContain(body.invite.token);

      await expect(signIn(stack.apiUrl, 'driver.cheongna@example.kr', 'anything-at-all')).rejects.toThrow(/401/);
      expect((await call('GET', `/v1/invites/${body.invite.token}`, null)).body).toMatchObject({
        purpose: 'invite',
        displayName: '김도윤',
      });
      await expectRefused(
        call('POST', `/v1/invites/${body.invite.token}/accept`, null, { password: '123' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(
        (await call('POST', `/v1/invites/${body.invite.token}/accept`, null, { password: 'cheongna-driver-1' })).status,
      ).toBe(204);
      const session = await signIn(stack.apiUrl, 'driver.cheongna@example.kr', 'cheongna-driver-1');
      expect(session.user.areaIds).toEqual([ids.area]);
      await expectRefused(
        call('POST', `/v1/invites/${body.invite.token}/accept`, null, { password: 'second-try-123' }),
        404,
        'INVITE_NOT_FOUND',
      );
      await expectRefused(
        asAdmin('POST', '/v1/admin/staff', {
          email: 'driver.cheongna@example.kr',
          displayName: '중복',
          kind: 'driver',
          phone: '010-2001-9002',
          language: 'ko',
          areaIds: [ids.area],
        }),
        409,
        'STAFF_EMAIL_TAKEN',
      );
    });

    it('resets a PIN by a new link and edits contact and language', async () => {
      const reset = await asAdmin<{ token: string; purpose: string }>(
        'POST',
        `/v1/admin/staff/${ids.staff}/reset-credentials`,
      );
      expect(reset.status).toBe(201);
      expect(reset.body.purpose).toBe('reset');
      expect((await call('POST', `/v1/invites/${reset.body.token}/accept`, null, { password: '482913' })).status).toBe(
        204,
      );
      await expect(signIn(stack.apiUrl, 'driver.cheongna@example.kr', 'cheongna-driver-1')).rejects.toThrow(/401/);
      await signIn(stack.apiUrl, 'driver.cheongna@example.kr', '482913');
      const edited = await asAdmin('PATCH', `/v1/admin/staff/${ids.staff}`, { phone: '010-2001-9009', language: 'en' });
      expect(edited.body).toMatchObject({ phone: '010-2001-9009', language: 'en' });
    });

    it('invites a second driver who will be deactivated', async () => {
      const { body } = await asAdmin<{ staff: { id: string } }>('POST', '/v1/admin/staff', {
        email: 'driver2.cheongna@example.kr',
        displayName: '이서준',
        kind: 'driver',
        phone: '010-2001-9003',
        language: 'ko',
        areaIds: [ids.area],
      });
      ids.staff2 = body.staff.id;
    });
  });

  describe('rosters', () => {
    it('plans a shift with a break for the driver and the van', async () => {
      const { status, body } = await asAdmin('POST', '/v1/admin/shifts', {
        staffId: ids.staff,
        vehicleId: ids.van,
        plannedStart: iso(-10),
        plannedEnd: iso(8 * 60),
        breaks: [{ start: iso(240), end: iso(270) }],
      });
      expect(status).toBe(201);
      expect(body).toMatchObject({ status: 'planned', areaId: ids.area, breaks: [{ start: iso(240), end: iso(270) }] });
      ids.shift = body.id as string;
    });

    it('refuses overlaps per person and per van, breaks outside the shift and backwards shifts', async () => {
      const clash = await expectRefused(
        asAdmin('POST', '/v1/admin/shifts', {
          staffId: ids.staff,
          vehicleId: ids.van2,
          plannedStart: iso(7 * 60),
          plannedEnd: iso(10 * 60),
        }),
        409,
        'SHIFT_OVERLAPS_STAFF',
      );
      expect((clash.details as { shiftId: string }).shiftId).toBe(ids.shift);
      await expectRefused(
        asAdmin('POST', '/v1/admin/shifts', {
          staffId: ids.staff2,
          vehicleId: ids.van,
          plannedStart: iso(60),
          plannedEnd: iso(120),
        }),
        409,
        'SHIFT_OVERLAPS_VEHICLE',
      );
      await expectRefused(
        asAdmin('POST', '/v1/admin/shifts', {
          staffId: ids.staff2,
          vehicleId: ids.van2,
          plannedStart: iso(60),
          plannedEnd: iso(120),
          breaks: [{ start: iso(110), end: iso(130) }],
        }),
        422,
        'SHIFT_BREAK_INVALID',
      );
      await expectRefused(
        asAdmin('POST', '/v1/admin/shifts', {
          staffId: ids.staff2,
          vehicleId: ids.van2,
          plannedStart: iso(120),
          plannedEnd: iso(60),
        }),
        422,
        'SHIFT_TIMES_INVALID',
      );
    });

    it('lets only one of two concurrent shifts for the same van in', async () => {
      const [a, b] = await Promise.all([
        asAdmin('POST', '/v1/admin/shifts', {
          staffId: ids.staff2,
          vehicleId: ids.van2,
          plannedStart: iso(24 * 60),
          plannedEnd: iso(26 * 60),
        }),
        asAdmin('POST', '/v1/admin/shifts', {
          staffId: ids.staff2,
          vehicleId: ids.van2,
          plannedStart: iso(25 * 60),
          plannedEnd: iso(27 * 60),
        }),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      ids.shift2 = (a.status === 201 ? a.body.id : b.body.id) as string;
    });

    it('shortens a shift and deactivating a person cancels their future shifts', async () => {
      const shorter = await asAdmin('PATCH', `/v1/admin/shifts/${ids.shift2}`, { plannedEnd: iso(25 * 60 + 30) });
      expect(shorter.status).toBe(200);
      const stranded = await expectRefused(
        asAdmin('PATCH', `/v1/admin/staff/${ids.staff2}`, { areaIds: [] }),
        409,
        'STAFF_HAS_SHIFTS_IN_AREA',
      );
      expect(stranded.details).toEqual({ shiftIds: [ids.shift2] });
      const deactivated = await asAdmin('POST', `/v1/admin/staff/${ids.staff2}/deactivate`);
      expect(deactivated.body).toMatchObject({ active: false });
      expect(deactivated.body.deactivatedAt).not.toBeNull();
      expect((await asAdmin('GET', `/v1/admin/shifts/${ids.shift2}`)).body.status).toBe('cancelled');
      await expectRefused(
        asAdmin('POST', '/v1/admin/shifts', {
          staffId: ids.staff2,
          vehicleId: ids.van2,
          plannedStart: iso(60),
          plannedEnd: iso(120),
        }),
        422,
        'STAFF_INACTIVE',
      );
      // History kept: the account and the cancelled shift are still there.
      expect(
        (await asAdmin<Array<{ id: string }>>('GET', '/v1/admin/staff?includeInactive=true')).body.map((s) => s.id),
      ).toContain(ids.staff2);
    });
  });

  describe('companies', () => {
    it('adds a company with an employer code, suspends and reinstates it, lists its riders', async () => {
      const created = await asAdmin('POST', '/v1/admin/companies', {
        areaId: ids.area,
        name: { ko: '청라정밀', en: 'Cheongna Precision' },
        employerCode: 'cnprec01',
        placeId: ids.stopA,
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ employerCode: 'CNPREC01', suspendedAt: null });
      ids.company = created.body.id as string;
      await expectRefused(
        asAdmin('POST', '/v1/admin/companies', {
          areaId: ids.area,
          name: { ko: '복제', en: 'Copy' },
          employerCode: 'CNPREC01',
        }),
        409,
        'COMPANY_CODE_TAKEN',
      );
      await expectRefused(
        asAdmin('POST', '/v1/admin/companies', {
          areaId: ids.area,
          name: { ko: '복제', en: 'Copy' },
          employerCode: 'HANBIT01',
        }),
        409,
        'COMPANY_CODE_TAKEN',
      );
      expect(
        (
          await asAdmin('PATCH', `/v1/admin/companies/${ids.company}`, {
            name: { ko: '청라정밀(주)', en: 'Cheongna Precision Co.' },
          })
        ).body,
      ).toMatchObject({ name: { ko: '청라정밀(주)' } });
      expect(
        (await asAdmin('POST', `/v1/admin/companies/${ids.company}/suspend`, { reason: '계약 만료 / contract ended' }))
          .body.suspendedAt,
      ).not.toBeNull();
      expect((await asAdmin('POST', `/v1/admin/companies/${ids.company}/reinstate`)).body.suspendedAt).toBeNull();

      const hanbit = (
        await call<Array<{ id: string; employerCode: string }>>('GET', '/v1/admin/companies', dispatcher.accessToken)
      ).body.find((c) => c.employerCode === 'HANBIT01')!;
      const riders = await call<Array<{ email: string }>>(
        'GET',
        `/v1/admin/companies/${hanbit.id}/riders`,
        dispatcher.accessToken,
      );
      expect(riders.body.map((r) => r.email)).toContain('rider@demo.geomdan.kr');
    });
  });

  describe('open work protects stops and vans', () => {
    it('refuses to delete a stop or a van an open ride uses, and takes the van out of service instead', async () => {
      const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
      const riderId = (await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [rider.email])).rows[0]
        .id;
      // An open ride on van 2 between the new stops, written as the booking flow would leave it.
      const ride = await db.query<{ id: string }>(
        `INSERT INTO rides (area_id, rider_user_id, booked_by_user_id, pickup_place_id, dropoff_place_id, passengers, time_mode, requested_time, status, vehicle_id,
                            promised_pickup_from, promised_pickup_to, max_ride_s)
         VALUES ($1, $2, $2, $3, $4, 1, 'now', now(), 'assigned', $5, now(), now() + interval '15 minutes', 1800) RETURNING id`,
        [ids.area, riderId, ids.stopA, ids.stopB, ids.van2],
      );
      ids.ride = ride.rows[0].id;

      const stopBody = await expectRefused(asAdmin('DELETE', `/v1/admin/places/${ids.stopB}`), 409, 'PLACE_IN_USE');
      expect(stopBody.message).toMatch(/retire/);
      const vanBody = await expectRefused(
        asAdmin('DELETE', `/v1/admin/vehicles/${ids.van2}`),
        409,
        'VEHICLE_HAS_OPEN_WORK',
      );
      expect(vanBody.details).toEqual({ rides: 1, luggageBookings: 0 });
      await expectRefused(
        asAdmin('PATCH', `/v1/admin/vehicles/${ids.van2}`, { seats: 4 }),
        409,
        'VEHICLE_HAS_OPEN_WORK',
      );

      // A stop in use can still be retired: no new bookings, the open one keeps it.
      expect((await asAdmin('POST', `/v1/admin/places/${ids.stopB}/retire`)).status).toBe(200);
      expect((await asAdmin('POST', `/v1/admin/places/${ids.stopB}/reinstate`)).status).toBe(200);

      const out = await asAdmin<{ vehicle: { inService: boolean }; openWork: { rides: number } }>(
        'POST',
        `/v1/admin/vehicles/${ids.van2}/out-of-service`,
        { reason: '타이어 교체 / tyre change' },
      );
      expect(out.status).toBe(200);
      expect(out.body).toEqual(
        expect.objectContaining({
          vehicle: expect.objectContaining({ inService: false }),
          openWork: { rides: 1, luggageBookings: 0 },
        }),
      );
      const jobs = await db.query<{ job_id: string; payload: { vehicleId: string; reason: string } }>(
        `SELECT job_id, payload FROM outbox_messages WHERE job_name = 'vehicle-unavailable' AND payload->>'vehicleId' = $1`,
        [ids.van2],
      );
      expect(jobs.rows).toHaveLength(1);
      expect(jobs.rows[0].payload).toEqual({ vehicleId: ids.van2, reason: 'out_of_service' });
      expect(jobs.rows[0].job_id).toMatch(new RegExp(`^vehicle-unavailable\\.${ids.van2}\\.\\d+$`));
    });

    it("hands a van's open work back to the dispatcher when its shift starts late, and again when it is cancelled", async () => {
      const riderId = (
        await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', ['rider@demo.geomdan.kr'])
      ).rows[0].id;
      // A rider already on board (the re-plan keeps them on the van; the count of open work sees them).
      await db.query(
        `INSERT INTO rides (area_id, rider_user_id, booked_by_user_id, pickup_place_id, dropoff_place_id, passengers, time_mode, requested_time, status, vehicle_id,
                            promised_pickup_from, promised_pickup_to, max_ride_s, picked_up_at)
         VALUES ($1, $2, $2, $3, $4, 1, 'now', now(), 'on_board', $5, now(), now() + interval '15 minutes', 1800, now())`,
        [ids.area, riderId, ids.stopA, ids.stopB, ids.van2],
      );
      const jobsFor = async (reason: string) =>
        Number(
          (
            await db.query<{ n: string }>(
              `SELECT count(*) AS n FROM outbox_messages WHERE job_name = 'vehicle-unavailable' AND payload->>'vehicleId' = $1 AND payload->>'reason' = $2`,
              [ids.van2, reason],
            )
          ).rows[0].n,
        );

      const later = await asAdmin('POST', '/v1/admin/shifts', {
        staffId: ids.staff,
        vehicleId: ids.van2,
        plannedStart: iso(9 * 60),
        plannedEnd: iso(11 * 60),
      });
      expect(later.status).toBe(201);
      ids.shift3 = later.body.id as string;
      expect(await jobsFor('shift_ended')).toBe(0);
      // Extending is no loss of cover: nothing to re-plan.
      await asAdmin('PATCH', `/v1/admin/shifts/${ids.shift3}`, { plannedEnd: iso(11 * 60 + 30) });
      expect(await jobsFor('shift_ended')).toBe(0);
      const late = await asAdmin('PATCH', `/v1/admin/shifts/${ids.shift3}`, { plannedStart: iso(9 * 60 + 30) });
      expect(late.status).toBe(200);
      expect(await jobsFor('shift_ended')).toBe(1);
      await expectRefused(asAdmin('POST', `/v1/admin/shifts/${ids.shift3}/end`), 409, 'SHIFT_NOT_STARTED');
      expect((await asAdmin('POST', `/v1/admin/shifts/${ids.shift3}/cancel`)).body.status).toBe('cancelled');
      expect(await jobsFor('shift_ended')).toBe(2);
      await expectRefused(
        asAdmin('PATCH', `/v1/admin/shifts/${ids.shift3}`, { plannedEnd: iso(12 * 60) }),
        409,
        'SHIFT_CLOSED',
      );
    });

    it('refuses to delete a van with history, deletes a van nothing used', async () => {
      await expectRefused(asAdmin('DELETE', `/v1/admin/vehicles/${ids.van}`), 409, 'VEHICLE_HAS_HISTORY');
      const spare = await asAdmin('POST', '/v1/admin/vehicles', {
        areaId: ids.area,
        plate: '인천 70바 9099',
        label: '오등록',
        seats: 11,
        bagSlots: 0,
        wheelchairAccessible: false,
      });
      expect((await asAdmin('DELETE', `/v1/admin/vehicles/${spare.body.id as string}`)).status).toBe(204);
      ids.deletedVan = spare.body.id as string;
    });
  });

  describe('audit log', () => {
    interface Entry {
      action: string;
      entityId: string;
      actorUserId: string | null;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      at: string;
    }
    const entries = async (entityType: string, entityId: string) =>
      (
        await asAdmin<{ items: Entry[] }>(
          'GET',
          `/v1/admin/audit-log?entityType=${entityType}&entityId=${entityId}&limit=200`,
        )
      ).body.items.reverse();
    const find = (list: Entry[], action: string) => {
      const e = list.find((x) => x.action === action);
      if (!e) throw new Error(`no "${action}" in ${list.map((x) => x.action).join(', ')}`);
      return e;
    };

    it('records each area change with before and after, by the admin', async () => {
      const log = await entries('area', ids.area);
      expect(log.map((e) => e.action)).toEqual(['area.created', 'area.updated']);
      expect(find(log, 'area.created')).toMatchObject({
        actorUserId: admin.user.id,
        before: null,
        after: { code: 'cheongna' },
      });
      const updated = find(log, 'area.updated');
      expect(updated.before).toMatchObject({ name: { ko: '청라 무빙콜' }, settings: { maxWaitMin: 20 } });
      expect(updated.after).toMatchObject({ name: { ko: '청라 국제도시 무빙콜' }, settings: { maxWaitMin: 12 } });
      expect(Date.parse(updated.at)).not.toBeNaN();
    });

    it('records places: created, renamed and moved, retired, reinstated, deleted', async () => {
      const log = await entries('place', ids.stopB);
      const moved = find(log, 'place.updated');
      expect(moved.before).toMatchObject({ name: { ko: 'cn-south 정류장' }, lat: 37.525 });
      expect(moved.after).toMatchObject({ name: { ko: '청라 호수공원', en: 'Cheongna Lake Park' }, lat: 37.526 });
      expect(find(log, 'place.retired')).toMatchObject({
        before: { retiredAt: null },
        after: { retiredAt: expect.any(String) },
      });
      expect(find(log, 'place.reinstated')).toMatchObject({
        before: { retiredAt: expect.any(String) },
        after: { retiredAt: null },
      });
      const deleted = await entries('place', ids.deletedPlace);
      expect(deleted.map((e) => e.action)).toEqual([
        'place.created',
        'place.retired',
        'place.reinstated',
        'place.deleted',
      ]);
      expect(find(deleted, 'place.deleted')).toMatchObject({ before: { code: 'cn-spare' }, after: null });
    });

    it('records the fleet: created, edited, out of service, deleted', async () => {
      const log = await entries('vehicle', ids.van2);
      expect(find(log, 'vehicle.updated')).toMatchObject({ before: { seats: 11 }, after: { seats: 9 } });
      expect(find(log, 'vehicle.out_of_service')).toMatchObject({
        before: { inService: true },
        after: { inService: false, reason: '타이어 교체 / tyre change', openWork: { rides: 1 } },
      });
      expect((await entries('vehicle', ids.deletedVan)).map((e) => e.action)).toEqual([
        'vehicle.created',
        'vehicle.deleted',
      ]);
    });

    it('records staff: invited, credentials set and reset, edited, deactivated; no secret in the log', async () => {
      const log = await entries('staff', ids.staff);
      expect(log.map((e) => e.action)).toEqual([
        'staff.invited',
        'account.credentials_set',
        'staff.credentials_reset_issued',
        'account.credentials_set',
        'staff.updated',
      ]);
      expect(find(log, 'account.credentials_set')).toMatchObject({
        actorUserId: ids.staffUser,
        before: { hasCredentials: false },
        after: { hasCredentials: true, via: 'invite' },
      });
      expect(find(log, 'staff.updated')).toMatchObject({
        before: { phone: '010-2001-9001', language: 'ko' },
        after: { phone: '010-2001-9009', language: 'en' },
      });
      expect(JSON.stringify(log)).not.toMatch(/passwordHash|token"|\$2[aby]\$/);
      const log2 = await entries('staff', ids.staff2);
      expect(find(log2, 'staff.deactivated')).toMatchObject({
        before: { active: true, deactivatedAt: null },
        after: { active: false, deactivatedAt: expect.any(String) },
      });
    });

    it('records shifts and companies', async () => {
      expect(find(await entries('shift', ids.shift), 'shift.created')).toMatchObject({
        before: null,
        after: { staffId: ids.staff, vehicleId: ids.van },
      });
      const shift2 = await entries('shift', ids.shift2);
      expect(shift2.map((e) => e.action)).toEqual(['shift.created', 'shift.updated', 'shift.cancelled']);
      expect(find(shift2, 'shift.updated')).toMatchObject({
        before: { plannedEnd: expect.any(String) },
        after: { plannedEnd: iso(25 * 60 + 30) },
      });
      expect(find(shift2, 'shift.cancelled')).toMatchObject({
        before: { status: 'planned' },
        after: { status: 'cancelled' },
      });
      const company = await entries('company', ids.company);
      expect(company.map((e) => e.action)).toEqual([
        'company.created',
        'company.updated',
        'company.suspended',
        'company.reinstated',
      ]);
      expect(find(company, 'company.suspended')).toMatchObject({
        before: { suspendedAt: null },
        after: { suspendedAt: expect.any(String), reason: '계약 만료 / contract ended' },
      });
    });

    it('writes nothing for refused requests, is readable by admins only, and cannot be rewritten', async () => {
      const failures = await asAdmin<{ items: Entry[] }>('GET', '/v1/admin/audit-log?entityId=bad-area');
      expect(failures.body.items).toEqual([]);
      expect((await call('GET', '/v1/admin/audit-log', dispatcher.accessToken)).status).toBe(403);
      const page = await asAdmin<{ items: Entry[]; nextBefore: string | null }>('GET', '/v1/admin/audit-log?limit=2');
      expect(page.body.items).toHaveLength(2);
      const next = await asAdmin<{ items: Array<{ id: string }> }>(
        'GET',
        `/v1/admin/audit-log?limit=2&before=${page.body.nextBefore}`,
      );
      expect(Number(next.body.items[0].id)).toBeLessThan(Number(page.body.nextBefore));
      await expect(db.query('UPDATE audit_log SET action = $1', ['forged'])).rejects.toThrow(/append-only/);
      await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    });
  });
  describe('done when: a rider books on the new stops, the van goes out of service, the ride is re-planned', () => {
    it('assigns the booking to the new van, then moves it to another van when the admin takes the first out of service', async () => {
      // A worker of the new company signs up with its employer code.
      const signUp = await call<{ accessToken: string; user: { id: string; areaIds: string[] } }>(
        'POST',
        '/v1/riders/sign-up',
        null,
        {
          employerCode: 'CNPREC01',
          email: 'worker@cheongna-precision.example',
          password: 'worker-pass-1234',
          displayName: '박지민',
        },
      );
      expect(signUp.status).toBe(201);
      expect(signUp.body.user.areaIds).toEqual([ids.area]);
      const riders = await asAdmin<Array<{ id: string }>>('GET', `/v1/admin/companies/${ids.company}/riders`);
      expect(riders.body.map((r) => r.id)).toEqual([signUp.body.user.id]);

      // The invited driver starts the shift the admin planned, on the van the admin registered.
      const driver = await signIn(stack.apiUrl, 'driver.cheongna@example.kr', '482913');
      const started = await call('POST', '/v1/driver/shifts/start', driver.accessToken, {});
      expect(started.status).toBeLessThan(300);
      expect(started.body).toMatchObject({ shiftId: ids.shift, vehicleId: ids.van });

      const socket = await connectSocket(stack.gatewayUrl, signUp.body.accessToken);
      sockets.push(socket);
      const assigned = waitFor<RideStatus>(socket, 'ride.status', (e) => e.status === 'assigned');
      const booked = await call<{ id: string; status: string }>('POST', '/v1/rides', signUp.body.accessToken, {
        pickupStopId: ids.stopA,
        dropoffStopId: ids.stopB,
        passengers: 1,
        timeMode: 'now',
      });
      expect(booked.status).toBe(202);
      ids.liveRide = booked.body.id;
      const first = await assigned;
      expect(first).toMatchObject({ rideId: ids.liveRide, vehicle: { id: ids.van } });

      // A second van with its own driver comes on shift in the area, all through the admin API.
      const van3 = await asAdmin('POST', '/v1/admin/vehicles', {
        areaId: ids.area,
        plate: '인천 70바 9003',
        label: '청라 3호',
        seats: 11,
        bagSlots: 0,
        wheelchairAccessible: false,
        homePlaceId: ids.stopB,
      });
      ids.van3 = van3.body.id as string;
      const invited = await asAdmin<{ staff: { id: string }; invite: { token: string } }>('POST', '/v1/admin/staff', {
        email: 'driver3.cheongna@example.kr',
        displayName: '최유진',
        kind: 'driver',
        phone: '010-2001-9004',
        language: 'en',
        areaIds: [ids.area],
      });
      expect(
        (await call('POST', `/v1/invites/${invited.body.invite.token}/accept`, null, { password: 'driver-three-123' }))
          .status,
      ).toBe(204);
      const shift3 = await asAdmin('POST', '/v1/admin/shifts', {
        staffId: invited.body.staff.id,
        vehicleId: ids.van3,
        plannedStart: iso(-5),
        plannedEnd: iso(6 * 60),
      });
      expect(shift3.status).toBe(201);
      const driver3 = await signIn(stack.apiUrl, 'driver3.cheongna@example.kr', 'driver-three-123');
      expect((await call('POST', '/v1/driver/shifts/start', driver3.accessToken, {})).status).toBeLessThan(300);

      // The admin takes the first van out of service; the rider's ride moves to the other van.
      const moved = waitFor<RideStatus>(
        socket,
        'ride.status',
        (e) => e.rideId === ids.liveRide && e.version > first.version,
      );
      const out = await asAdmin<{ openWork: { rides: number } }>(
        'POST',
        `/v1/admin/vehicles/${ids.van}/out-of-service`,
        { reason: '사고 / accident' },
      );
      expect(out.status).toBe(200);
      expect(out.body.openWork.rides).toBe(1);
      const event = await moved;
      expect(event).toMatchObject({ rideId: ids.liveRide, status: 'assigned', vehicle: { id: ids.van3 } });

      // Postgres says the same as the event; the rider reads it back.
      const ride = await call<{ status: string; vehicle: { id: string } | null }>(
        'GET',
        `/v1/rides/${ids.liveRide}`,
        signUp.body.accessToken,
      );
      expect(ride.body).toMatchObject({ status: 'assigned', vehicle: { id: ids.van3 } });
      const decisions = await call<Array<{ outcome: string; vehicleId: string | null }>>(
        'GET',
        `/v1/dispatch/rides/${ids.liveRide}/decisions`,
        admin.accessToken,
      );
      expect(decisions.body.map((d) => d.outcome)).toContain('reassigned');
    });

    it('tells the rider when no van is left: the last van out of service rejects the ride with a reason', async () => {
      const rider = await signIn(stack.apiUrl, 'worker@cheongna-precision.example', 'worker-pass-1234');
      const socket = await connectSocket(stack.gatewayUrl, rider.accessToken);
      sockets.push(socket);
      const told = waitFor<RideStatus>(
        socket,
        'ride.status',
        (e) => e.rideId === ids.liveRide && e.status === 'rejected',
      );
      expect((await asAdmin('POST', `/v1/admin/vehicles/${ids.van3}/out-of-service`)).status).toBe(200);
      const event = await told;
      expect(event.rejection).toMatchObject({ code: 'VEHICLE_UNAVAILABLE' });
      expect(event.vehicle).toBeNull();
    });

    it('ends a running shift early: the van is released from the driver and the shift is closed', async () => {
      const ended = await asAdmin('POST', `/v1/admin/shifts/${ids.shift}/end`);
      expect(ended.body).toMatchObject({ status: 'ended', endedAt: expect.any(String) });
      const live = await db.query<{ shift_id: string | null; online: boolean }>(
        'SELECT shift_id, online FROM vehicle_live_states WHERE vehicle_id = $1',
        [ids.van],
      );
      expect(live.rows[0]).toEqual({ shift_id: null, online: false });
      const shifts = await call<Array<{ id: string }>>('GET', `/v1/admin/shifts?areaId=${ids.area}`, admin.accessToken);
      expect(shifts.body.map((x) => x.id)).not.toContain(ids.shift);
    });
  });
});
