import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS, NotificationEntity, ServiceAreaEntity, ShiftEntity } from '@app/database';
import { Clock, Role, StaffKind, SystemClock } from '@app/domain';
import { DeliverNotificationHandler } from '@app/notifications';
import { RunningStack, signIn, startStack } from './support/stack';
import { createTestContext, TestContext } from './support/test-context';
import { startFakeSolapi } from './support/fake-solapi';
import { openShuttleAroundTheClock, ShuttleFixture } from './support/shuttle-fixtures';

const dispatcherAccount = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;
const adminAccount = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;
const driver1 = DEMO_ACCOUNTS.find((a) => a.email.startsWith('driver1'))!;
const courierAccounts = DEMO_ACCOUNTS.filter((a) => a.staff?.kind === StaffKind.Courier);
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001' +
    '0d0a2db40000000049454e44ae426082',
  'hex',
);
const API_KEY = 'NCSE2EKEY00001';
const API_SECRET = 'e2e-solapi-secret-0123456789abcdef';

async function api<T = Record<string, unknown>>(
  url: string,
  init: { token?: string; body?: unknown; form?: FormData } = {},
) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: init.body !== undefined || init.form ? 'POST' : 'GET',
    headers,
    body: init.form ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T,
  };
}

async function waitUntil(predicate: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not reached in time: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Notifications: travellers, riders and staff hear each event once', () => {
  let ctx: TestContext;
  let fx: ShuttleFixture;
  let stack: RunningStack;
  let solapi: Awaited<ReturnType<typeof startFakeSolapi>>;
  let day: DateTime;

  beforeAll(async () => {
    // AlimTalk is down for the whole test (503): each message falls back to SMS after its attempts.
    solapi = await startFakeSolapi(API_KEY, API_SECRET, (m) => (m.message.type === 'ATA' ? 503 : 200));
    ctx = await createTestContext({
      seed: true,
      env: {
        NOTIFY_PROVIDER: 'solapi',
        SOLAPI_API_KEY: API_KEY,
        SOLAPI_API_SECRET: API_SECRET,
        SOLAPI_BASE_URL: solapi.url,
        SOLAPI_SENDER: '0212345678',
        SOLAPI_KAKAO_PF_ID: 'KA01PF0000000001',
        ALIMTALK_TEMPLATES: 'luggage_booked.en=KA01TP0000000001',
        // No SMTP_URL: email goes to the development outbox, shown at /dev/messages.
      },
    });
    fx = await openShuttleAroundTheClock(ctx);
    stack = await startStack(ctx);
    const ds = stack.apps.api.get(DataSource);
    const area = await ds.getRepository(ServiceAreaEntity).findOneByOrFail({ code: 'freelug' });
    const shift = await ds.getRepository(ShiftEntity).findOneOrFail({ where: { areaId: area.id } });
    day = DateTime.fromJSDate(shift.plannedStart, { zone: 'Asia/Seoul' }).startOf('day');
    const now = day.set({ hour: 8 }).toJSDate();
    (stack.apps.api.get(Clock) as SystemClock).setNow(now);
    (stack.apps.dispatcher.get(Clock) as SystemClock).setNow(now);
  });

  afterAll(async () => {
    await stack?.close();
    await fx?.close();
    await ctx?.dispose();
    await solapi?.stop();
  });

  it('sends booked (AlimTalk failing → SMS, with the PIN), en route, picked up and delivered by SMS, the email to the dev outbox; each once', async () => {
    const body = {
      origin: 'h-grand-hyatt-incheon',
      destination: 'icn-t1',
      bags: { carry_on: 1, suitcase: 0, oversize: 0 },
      flightNumber: 'KE123',
      flightAt: day.set({ hour: 16 }).toISO()!,
    };
    const quote = await api<{ quoteToken: string }>(`${stack.apiUrl}/v1/luggage/quotes`, { body });
    expect(quote.status).toBe(200);
    const created = await api<{
      id: string;
      reference: string;
      pin: string;
      trackingUrl: string;
      trackingToken: string;
    }>(`${stack.apiUrl}/v1/luggage/bookings`, {
      body: {
        ...body,
        quoteToken: quote.body.quoteToken,
        contact: { name: 'Emma Lee', phone: '010-1234-5678', email: 'Emma@Example.com' },
        language: 'en',
        prohibitedItemsConfirmed: true,
      },
    });
    expect(created.status).toBe(201);
    const bookingId = created.body.id;
    const pin = created.body.pin;
    const sms = () =>
      solapi.accepted.filter((r) => r.message.type !== 'ATA' && r.message.text.includes(created.body.reference));

    await waitUntil(() => sms().length === 1, 'the booking confirmation by SMS');
    const [confirmation] = sms();
    expect(confirmation.message).toMatchObject({ to: '01012345678', from: '0212345678', type: 'LMS' });
    expect(confirmation.message.text).toContain(`Handover PIN: ${pin}`);
    expect(confirmation.message.text).toContain(created.body.trackingUrl);
    // AlimTalk was tried first with the configured template, three times, then SMS took over.
    const alimTalks = solapi.refused.filter(
      (r) => r.message.type === 'ATA' && r.message.text.includes(created.body.reference),
    );
    expect(alimTalks).toHaveLength(3);
    expect(alimTalks[0].message.kakaoOptions).toMatchObject({
      pfId: 'KA01PF0000000001',
      templateId: 'KA01TP0000000001',
    });

    // The PIN is in no table in clear: not in the notifications, not in the outbox payloads.
    const ds = stack.apps.api.get(DataSource);
    const leaked: Array<{ n: string }> = await ds.query(
      `SELECT (SELECT count(*) FROM notifications WHERE variables::text LIKE $1 OR coalesce(sealed_secrets, '') LIKE $1 OR coalesce(last_error, '') LIKE $1)
            + (SELECT count(*) FROM outbox_messages WHERE payload::text LIKE $1) AS n`,
      [`%${pin}%`],
    );
    expect(leaked[0].n).toBe('0');

    // The email confirmation went to the development outbox, without the PIN, and shows on /dev/messages.
    await waitUntil(
      async () => (await ds.query(`SELECT 1 FROM dev_messages WHERE recipient = 'emma@example.com'`)).length === 1,
      'the email in the dev outbox',
    );
    const page = await api<string>(`${stack.apiUrl}/dev/messages`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('email → emma@example.com');
    expect(page.body).toContain(`Free-Lug booking confirmed ${created.body.reference}`);
    const email: Array<{ body: string }> = await ds.query(
      `SELECT body FROM dev_messages WHERE recipient = 'emma@example.com'`,
    );
    expect(email[0].body).not.toContain(pin);

    // The courier the plan chose walks the booking through its steps.
    await waitUntil(
      async () =>
        (await api<{ status: string }>(`${stack.apiUrl}/v1/tracking/${created.body.trackingToken}`)).body.status ===
        'assigned',
      'the booking planned',
    );
    let courierToken = '';
    for (const account of courierAccounts) {
      const session = await signIn(stack.apiUrl, account.email, account.password);
      const tasks = await api<Array<{ id: string }>>(`${stack.apiUrl}/v1/luggage/courier/tasks`, {
        token: session.accessToken,
      });
      if (tasks.body.some((t) => t.id === bookingId)) courierToken = session.accessToken;
    }
    expect(courierToken).not.toBe('');
    const base = `${stack.apiUrl}/v1/luggage/courier/bookings/${bookingId}`;
    expect((await api(`${base}/en-route`, { token: courierToken, body: {} })).status).toBe(200);
    await waitUntil(() => sms().length === 2, 'the courier-on-the-way SMS');
    const form = new FormData();
    form.append('bagCount', '1');
    form.append('tags', '["FL-N-0001"]');
    form.append('photos', new Blob([PNG], { type: 'image/png' }), 'a.png');
    expect((await api(`${base}/pickup`, { token: courierToken, form })).status).toBe(200);
    // A later step that keeps the status (a damage report) adds no message of its own.
    expect(
      (await api(`${base}/exceptions`, { token: courierToken, body: { type: 'damage', reason: 'scuffed corner' } }))
        .status,
    ).toBe(200);
    expect((await api(`${base}/in-transit`, { token: courierToken, body: {} })).status).toBe(200);
    expect((await api(`${base}/deliver`, { token: courierToken, body: { pin } })).status).toBe(200);
    await waitUntil(() => sms().some((r) => r.message.text.includes('delivered')), 'the delivered SMS');
    await waitUntil(
      async () =>
        (await ds.getRepository(NotificationEntity).countBy({ subjectId: bookingId, status: 'queued' })) === 0,
      'every notification settled',
    );

    // Exactly one message per event and recipient.
    const texts = sms().map((r) => r.message.text);
    expect(texts).toHaveLength(4);
    expect(texts[1]).toContain('Your courier is on the way');
    expect(texts[2]).toContain('We have your 1 bag (');
    expect(texts[3]).toContain('Your bags have been delivered');
    expect(texts.slice(1).every((t) => !t.includes(pin))).toBe(true);

    // A delivery job run again (a retry, a worker that died after sending) sends nothing twice.
    const rows = await ds
      .getRepository(NotificationEntity)
      .find({ where: { subjectId: bookingId }, order: { createdAt: 'ASC' } });
    const handler = stack.apps.dispatcher.get(DeliverNotificationHandler);
    for (const row of rows) await handler.handle({ notificationId: row.id }, { attemptsMade: 0, maxAttempts: 8 });
    expect(sms()).toHaveLength(4);

    // Staff see the list with masked recipients, the channel that carried each, and no text.
    const dispatcher = await signIn(stack.apiUrl, dispatcherAccount.email, dispatcherAccount.password);
    const listed = await api<
      Array<{ template: string; channel: string; recipient: string; status: string; sentAt: string | null }>
    >(`${stack.apiUrl}/v1/admin/notifications?subjectId=${bookingId}`, { token: dispatcher.accessToken });
    expect(listed.status).toBe(200);
    expect(listed.body.map((n) => n.template).sort()).toEqual([
      'luggage_booked',
      'luggage_booked_email',
      'luggage_courier_en_route',
      'luggage_delivered',
      'luggage_picked_up',
    ]);
    expect(listed.body.every((n) => n.status === 'sent' && n.sentAt !== null)).toBe(true);
    expect(listed.body.find((n) => n.template === 'luggage_booked')).toMatchObject({
      channel: 'sms',
      recipient: '+8210****5678',
    });
    expect(listed.body.find((n) => n.template === 'luggage_booked_email')).toMatchObject({
      channel: 'dev_outbox',
      recipient: 'e***@example.com',
    });
    expect(JSON.stringify(listed.body)).not.toContain(pin);

    const bad = await api<{ code: string }>(`${stack.apiUrl}/v1/admin/notifications?subjectId=not-a-uuid`, {
      token: dispatcher.accessToken,
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const anonymous = await api(`${stack.apiUrl}/v1/admin/notifications?subjectId=${bookingId}`);
    expect(anonymous.status).toBe(401);
  });

  it('tells a new staff member their invite link by SMS and email, and a rider the van, plate and window once assigned', async () => {
    const admin = await signIn(stack.apiUrl, adminAccount.email, adminAccount.password);
    const invited = await api<{ staff: { id: string }; invite: { url: string } }>(`${stack.apiUrl}/v1/admin/staff`, {
      token: admin.accessToken,
      body: {
        email: 'New.Courier@example.kr',
        displayName: '김도윤',
        kind: 'courier',
        phone: '010-2001-9001',
        language: 'ko',
        areaIds: [],
      },
    });
    expect(invited.status).toBe(201);
    const inviteSms = () => solapi.accepted.filter((r) => r.message.to === '01020019001');
    await waitUntil(() => inviteSms().length === 1, 'the invite SMS');
    expect(inviteSms()[0].message.text).toContain(invited.body.invite.url);
    expect(inviteSms()[0].message.text).toContain('김도윤님');
    const ds = stack.apps.api.get(DataSource);
    await waitUntil(
      async () =>
        (await ds.query(`SELECT 1 FROM dev_messages WHERE recipient = 'new.courier@example.kr'`)).length === 1,
      'the invite email',
    );
    // The link is a password-setting credential: sealed in the table, never in clear.
    const token = invited.body.invite.url.split('/').pop()!;
    const clear: Array<{ n: string }> = await ds.query(
      `SELECT count(*) AS n FROM notifications WHERE variables::text LIKE $1 OR sealed_secrets LIKE $1`,
      [`%${token}%`],
    );
    expect(clear[0].n).toBe('0');

    // A rider who signed up with a phone number hears of the assignment, in their language.
    // The shuttle runs on the real clock (its fixture opens the area around the clock).
    (stack.apps.api.get(Clock) as SystemClock).setNow(new Date());
    (stack.apps.dispatcher.get(Clock) as SystemClock).setNow(new Date());
    const signUp = await api(`${stack.apiUrl}/v1/riders/sign-up`, {
      body: {
        employerCode: 'HANBIT01',
        email: 'notify.rider@hanbit.example',
        password: 'a-long-password',
        displayName: 'Sam Park',
        phone: '010-5555-0303',
        locale: 'en',
      },
    });
    expect(signUp.status).toBe(201);
    const riderToken = (await signIn(stack.apiUrl, 'notify.rider@hanbit.example', 'a-long-password')).accessToken;
    const driverToken = (await signIn(stack.apiUrl, driver1.email, driver1.password)).accessToken;
    expect((await api(`${stack.apiUrl}/v1/driver/shifts/start`, { token: driverToken, body: {} })).status).toBe(200);
    const ride = await api<{ id: string }>(`${stack.apiUrl}/v1/rides`, {
      token: riderToken,
      body: {
        pickupStopId: fx.stop('gd-oryu-stn'),
        dropoffStopId: fx.stop('gd-f-hanbit'),
        passengers: 1,
        timeMode: 'now',
      },
    });
    expect(ride.status).toBe(202);
    const riderSms = () => solapi.accepted.filter((r) => r.message.to === '01055550303');
    await waitUntil(() => riderSms().length === 1, 'the assigned SMS');
    const assigned = await api<{ status: string; vehicle: { plate: string; label: string } }>(
      `${stack.apiUrl}/v1/rides/${ride.body.id}`,
      { token: riderToken },
    );
    expect(assigned.body.status).toBe('assigned');
    expect(riderSms()[0].message.text).toContain(
      `Your ride is booked: ${assigned.body.vehicle.label} (${assigned.body.vehicle.plate})`,
    );
    const listed = await api<Array<{ template: string; recipientRole: string; status: string }>>(
      `${stack.apiUrl}/v1/admin/notifications?subjectId=${ride.body.id}`,
      { token: admin.accessToken },
    );
    expect(listed.body).toEqual([
      expect.objectContaining({ template: 'ride_assigned', recipientRole: 'rider', status: 'sent' }),
    ]);
  });
});
