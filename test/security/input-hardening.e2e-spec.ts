import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { api, openShuttleAroundTheClock, ShuttleFixture } from '../support/shuttle-fixtures';
import { handshakeOutcome, RunningStack, signIn, startStack } from '../support/stack';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * Input that no validator should ever have to see: bodies nested thousands deep, NUL bytes and
 * lone surrogates in text, null for a field that cannot be null. Each is refused with a 4xx and a
 * stable code before any handler runs, on anonymous and authenticated endpoints alike, and
 * leaves nothing written.
 */
const admin = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('hostile input is refused with a 4xx before any handler runs', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  let fx: ShuttleFixture;
  let adminToken: string;
  let ids: { vehicle: string; place: string; company: string };

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    fx = await openShuttleAroundTheClock(ctx);
    stack = await startStack(ctx);
    adminToken = (await signIn(stack.apiUrl, admin.email, admin.password)).accessToken;
    const one = async (sql: string) => (await fx.db.query<{ id: string }>(sql)).rows[0].id;
    ids = {
      vehicle: await one('SELECT id FROM vehicles LIMIT 1'),
      place: await one('SELECT id FROM places LIMIT 1'),
      company: await one('SELECT id FROM companies LIMIT 1'),
    };
  });

  afterAll(async () => {
    await stack?.close();
    await fx?.close();
    await ctx?.dispose();
  });

  const rowCount = async () =>
    Number(
      (
        await fx.db.query<{ n: string }>(
          `SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM vehicles) + (SELECT count(*) FROM luggage_bookings) + (SELECT count(*) FROM audit_log) AS n`,
        )
      ).rows[0].n,
    );

  it('refuses a body nested 2,000 deep with 400 PAYLOAD_TOO_DEEP on anonymous and admin endpoints', async () => {
    const cases: Array<[string, string, string | null, string]> = [
      ['POST', '/v1/auth/sign-in', null, `{"email":${deep(2000)},"password":"x"}`],
      [
        'POST',
        '/v1/riders/sign-up',
        null,
        `{"employerCode":"HANBIT01","email":"a@b.kr","password":"password-123","displayName":${deep(2000)}}`,
      ],
      ['POST', '/v1/luggage/quotes', null, `{"origin":{"a":${deep(40)}}}`],
      ['PATCH', `/v1/admin/places/${ids.place}`, 'admin', `{"name":${'{"ko":'.repeat(1500)}1${'}'.repeat(1500)}}`],
      ['POST', '/v1/admin/vehicles', 'admin', deep(5000)],
    ];
    for (const [method, path, who, body] of cases) {
      const response = await api<{ code: string }>(stack.apiUrl, method, path, who ? adminToken : null, body);
      expect({ path, status: response.status, code: response.body.code }).toEqual({
        path,
        status: 400,
        code: 'PAYLOAD_TOO_DEEP',
      });
    }
    // Depth within the limit still reaches validation, which names the bad field.
    const shallow = await api<{ code: string }>(
      stack.apiUrl,
      'POST',
      '/v1/auth/sign-in',
      null,
      `{"email":${deep(10)},"password":"x"}`,
    );
    expect([shallow.status, shallow.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    // Brackets inside a string are text, not nesting.
    const quoted = await api<{ code: string }>(
      stack.apiUrl,
      'POST',
      '/v1/auth/sign-in',
      null,
      JSON.stringify({ email: 'x@y.kr', password: deep(40) }),
    );
    expect(quoted.status).toBe(401);
  });

  it('refuses a NUL byte or a lone surrogate in any text with 400 TEXT_NOT_ALLOWED naming the field, and writes nothing', async () => {
    const before = await rowCount();
    const cases: Array<[string, string, string | null, unknown, string]> = [
      [
        'POST',
        '/v1/luggage/quotes',
        null,
        {
          origin: 'a\u0000b',
          destination: 'icn-t1',
          bags: { carry_on: 1, suitcase: 0, oversize: 0 },
          flightNumber: 'KE123',
          flightAt: '2030-01-01T10:00:00.000Z',
        },
        'origin',
      ],
      [
        'POST',
        '/v1/riders/sign-up',
        null,
        { employerCode: 'HANBIT01', email: 'nul@hanbit.example', password: 'password-1234', displayName: 'a\u0000b' },
        'displayName',
      ],
      [
        'POST',
        '/v1/admin/vehicles',
        'admin',
        {
          areaId: fx.areaId,
          plate: '인천 70바\u00001',
          label: 'x',
          seats: 4,
          bagSlots: 0,
          wheelchairAccessible: false,
        },
        'plate',
      ],
      ['PATCH', `/v1/admin/vehicles/${ids.vehicle}`, 'admin', { label: 'van\u0000' }, 'label'],
      ['PATCH', `/v1/admin/places/${ids.place}`, 'admin', { name: { ko: '검단\u0000', en: 'x' } }, 'name.ko'],
      ['POST', `/v1/admin/companies/${ids.company}/suspend`, 'admin', { reason: '\u0000' }, 'reason'],
      ['PATCH', `/v1/admin/vehicles/${ids.vehicle}`, 'admin', { label: 'van\ud800' }, 'label'],
      ['PATCH', `/v1/admin/vehicles/${ids.vehicle}`, 'admin', { ['la\u0000bel']: 'x' }, 'la\u0000bel'],
    ];
    for (const [method, path, who, body, field] of cases) {
      const response = await api<{ code: string; details?: { field?: string } }>(
        stack.apiUrl,
        method,
        path,
        who ? adminToken : null,
        body,
      );
      expect({
        path,
        field,
        status: response.status,
        code: response.body.code,
        named: response.body.details?.field,
      }).toEqual({ path, field, status: 400, code: 'TEXT_NOT_ALLOWED', named: field });
    }
    // In a query string and a path parameter too.
    const query = await api<{ code: string }>(
      stack.apiUrl,
      'GET',
      `/v1/admin/places?areaId=${encodeURIComponent('a\u0000')}`,
      adminToken,
    );
    expect([query.status, query.body.code]).toEqual([400, 'TEXT_NOT_ALLOWED']);
    const param = await api<{ code: string }>(
      stack.apiUrl,
      'PATCH',
      `/v1/admin/vehicles/${encodeURIComponent('\u0000')}`,
      adminToken,
      { label: 'x' },
    );
    expect([param.status, param.body.code]).toEqual([400, 'TEXT_NOT_ALLOWED']);
    expect(await rowCount()).toBe(before);
  });

  it('refuses null for a field that cannot be null with 400, and still lets a nullable field be cleared', async () => {
    const place = await api<{ code: string; message: string }>(
      stack.apiUrl,
      'PATCH',
      `/v1/admin/places/${ids.place}`,
      adminToken,
      { isStop: null },
    );
    expect([place.status, place.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(place.body.message).toContain('isStop');
    const vehicle = await api<{ code: string }>(
      stack.apiUrl,
      'PATCH',
      `/v1/admin/vehicles/${ids.vehicle}`,
      adminToken,
      { label: null },
    );
    expect([vehicle.status, vehicle.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const cleared = await api<{ homePlaceId: string | null }>(
      stack.apiUrl,
      'PATCH',
      `/v1/admin/vehicles/${ids.vehicle}`,
      adminToken,
      { homePlaceId: null },
    );
    expect([cleared.status, cleared.body.homePlaceId]).toEqual([200, null]);
  });

  it('refuses an array where the DTO expects one nested object with 400 naming the field, and writes nothing (found by the fuzzer: 500)', async () => {
    // class-validator's @ValidateNested validates an array element by element, so `[]` or `[[[]]]`
    // passed for `name` and reached a NOT NULL column as a 500.
    const before = await rowCount();
    const companies = Number((await fx.db.query<{ n: string }>('SELECT count(*) AS n FROM companies')).rows[0].n);
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/v1/admin/companies', { areaId: fx.areaId, name: [[[]]], employerCode: 'FUZZ01' }, 'name'],
      ['POST', '/v1/admin/companies', { areaId: fx.areaId, name: [], employerCode: 'FUZZ02' }, 'name'],
      ['PATCH', `/v1/admin/companies/${ids.company}`, { name: [{ ko: '가', en: 'a' }] }, 'name'],
      [
        'POST',
        '/v1/luggage/quotes',
        {
          origin: 'h-grand-hyatt-incheon',
          destination: 'icn-t1',
          bags: [],
          flightNumber: 'KE123',
          flightAt: '2030-01-01T10:00:00.000Z',
        },
        'bags',
      ],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await api<{ code: string; details?: { field?: string } }>(
        stack.apiUrl,
        method,
        path,
        path.startsWith('/v1/admin') ? adminToken : null,
        body,
      );
      expect({
        path,
        body,
        status: response.status,
        code: response.body.code,
        named: response.body.details?.field,
      }).toEqual({ path, body, status: 400, code: 'VALIDATION_FAILED', named: field });
    }
    expect(await rowCount()).toBe(before);
    expect(Number((await fx.db.query<{ n: string }>('SELECT count(*) AS n FROM companies')).rows[0].n)).toBe(companies);
  });

  it('refuses a handshake whose auth is nested deep or carries a NUL, and stays up', async () => {
    let nested: unknown = 'x';
    for (let i = 0; i < 3000; i += 1) nested = [nested];
    for (const auth of [
      { token: nested },
      { token: 'a\u0000b' },
      { trackingToken: '\ud800' },
      { token: { __proto__: { admin: true } } },
    ]) {
      const outcome = await handshakeOutcome(stack.gatewayUrl, auth);
      expect(outcome).toMatch(/^AUTH_|^TRACKING_/);
    }
    expect((await fetch(`${stack.gatewayUrl}/health`)).status).toBe(200);
  });
});
