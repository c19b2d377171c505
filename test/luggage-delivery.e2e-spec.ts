import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS, ShiftEntity, ServiceAreaEntity } from '@app/database';
import { Clock, Role, StaffKind, SystemClock } from '@app/domain';
import { DispatchProcessor } from '../apps/dispatcher/src/dispatch.processor';
import { nextEvent, RunningStack, signIn, startStack } from './support/stack';
import { createTestContext, TestContext } from './support/test-context';

const dispatcherAccount = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;
const courierAccounts = DEMO_ACCOUNTS.filter((a) => a.staff?.kind === StaffKind.Courier);

// Smallest valid images: the type is sniffed from these magic bytes, not from the file name.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001' +
    '0d0a2db40000000049454e44ae426082',
  'hex',
);
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

interface StatusEvent {
  bookingId: string;
  status: string;
  version: number;
  etaAt: string | null;
  atRisk: boolean;
}

function connectTracking(gatewayUrl: string, trackingToken: string): Promise<Socket & { rooms?: string[] }> {
  return new Promise((resolve, reject) => {
    const socket = io(gatewayUrl, {
      transports: ['websocket'],
      auth: { trackingToken },
      reconnection: false,
      forceNew: true,
    });
    socket.once('session.ready', (ready: { rooms: string[] }) =>
      resolve(Object.assign(socket, { rooms: ready.rooms })),
    );
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

async function api<T = Record<string, unknown>>(
  url: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string>; form?: FormData } = {},
) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: init.method ?? (init.body !== undefined || init.form ? 'POST' : 'GET'),
    headers,
    body: init.form ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

describe('Free-Lug: quote → book → plan → pickup → deliver, watched live on the tracking link', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  let dataDir: string;
  let day: DateTime;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    dataDir = mkdtempSync(join(tmpdir(), 'freelug-photos-'));
    ctx.config = { ...ctx.config, dataDir };
    stack = await startStack(ctx);
    // "Now" is 08:00 on the seeded shifts' day in Seoul, whatever the real time is.
    const ds = stack.apps.api.get(DataSource);
    const area = await ds.getRepository(ServiceAreaEntity).findOneByOrFail({ code: 'freelug' });
    const shift = await ds.getRepository(ShiftEntity).findOneOrFail({ where: { areaId: area.id } });
    day = DateTime.fromJSDate(shift.plannedStart, { zone: 'Asia/Seoul' }).startOf('day');
    const now = day.set({ hour: 8 }).toJSDate();
    (stack.apps.api.get(Clock) as SystemClock).setNow(now);
    (stack.apps.dispatcher.get(Clock) as SystemClock).setNow(now);
  });

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await stack?.close();
    await ctx?.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const quoteBody = () => ({
    origin: 'h-grand-hyatt-incheon',
    destination: 'icn-t1',
    bags: { carry_on: 1, suitcase: 1, oversize: 0 },
    flightNumber: 'KE123',
    flightAt: day.set({ hour: 16 }).toISO()!,
  });

  it('carries the bags end to end; the tracking socket sees every step in order; a wrong PIN is refused', async () => {
    // Quote: a signed, priced offer with the airport deadline (departure − 150 min).
    const quote = await api<{
      quoteToken: string;
      priceKrw: number;
      deadline: string;
      priceRuleVersion: number;
      serviceDate: string;
    }>(`${stack.apiUrl}/v1/luggage/quotes`, { body: quoteBody() });
    expect(quote.status).toBe(200);
    expect(quote.body.priceKrw).toBe(10_000 + 10_000 + 20_000); // base + carry-on + suitcase, zone A
    expect(quote.body.priceRuleVersion).toBe(1);
    expect(new Date(quote.body.deadline).getTime()).toBe(day.set({ hour: 13, minute: 30 }).toMillis());

    // A tampered quote is refused and writes nothing.
    const [payload, mac] = quote.body.quoteToken.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), priceKrw: 1000 }),
    ).toString('base64url');
    const booking = {
      ...quoteBody(),
      contact: { name: 'Emma Lee', phone: '+82 10-1234-5678', email: 'emma@example.com' },
      language: 'en',
      prohibitedItemsConfirmed: true,
    };
    const tampered = await api(`${stack.apiUrl}/v1/luggage/bookings`, {
      body: { ...booking, quoteToken: `${forgedPayload}.${mac}` },
    });
    expect(tampered.status).toBe(422);
    expect(tampered.body.code).toBe('QUOTE_TAMPERED');

    // Hold the dispatcher until the traveller's socket is connected, so no step can be missed.
    const worker = stack.apps.dispatcher.get(DispatchProcessor).worker;
    await worker.pause();
    const key = `e2e-${Date.now()}`;
    const created = await api<{
      id: string;
      reference: string;
      pin: string;
      trackingToken: string;
      trackingUrl: string;
      status: string;
    }>(`${stack.apiUrl}/v1/luggage/bookings`, {
      body: { ...booking, quoteToken: quote.body.quoteToken },
      headers: { 'idempotency-key': key },
    });
    expect(created.status).toBe(201);
    expect(created.body.reference).toMatch(/^FL-[A-Z2-9]{6}$/);
    expect(created.body.pin).toMatch(/^\d{6}$/);
    expect(created.body.trackingToken.length).toBeGreaterThanOrEqual(43);
    // The link to share is the tracking page (served by the web app), not the JSON API.
    expect(created.body.trackingUrl).toBe(`${ctx.config.publicUrls.api}/track/${created.body.trackingToken}`);
    expect(created.body.status).toBe('booked');
    // The same key and body replay the same booking (and the same secrets), creating nothing new.
    const replay = await api<{ reference: string; pin: string; trackingToken: string }>(
      `${stack.apiUrl}/v1/luggage/bookings`,
      {
        body: { ...booking, quoteToken: quote.body.quoteToken },
        headers: { 'idempotency-key': key },
      },
    );
    expect(replay.status).toBe(201);
    expect(replay.body).toMatchObject({
      reference: created.body.reference,
      pin: created.body.pin,
      trackingToken: created.body.trackingToken,
    });
    // The shared idempotency store keeps the response without the PIN or the token; the booking only their hashes.
    const storedRows: Array<{ body: string }> = await stack.apps.api
      .get(DataSource)
      .query(`SELECT response_body::text AS body FROM idempotency_keys WHERE key = $1`, [key]);
    expect(storedRows).toHaveLength(1);
    expect(storedRows[0].body).toContain(created.body.reference);
    expect(storedRows[0].body).not.toContain(created.body.trackingToken);
    expect(storedRows[0].body).not.toContain(`"${created.body.pin}"`);
    const bookingRows: Array<{ n: string }> = await stack.apps.api
      .get(DataSource)
      .query(`SELECT count(*) AS n FROM luggage_bookings WHERE reference = $1`, [created.body.reference]);
    expect(bookingRows[0].n).toBe('1');

    // Live: the tracking token alone opens exactly this booking's room; a forged one is refused.
    await expect(connectTracking(stack.gatewayUrl, 'x'.repeat(43))).rejects.toMatchObject({
      data: { code: 'TRACKING_TOKEN_INVALID' },
    });
    const socket = await connectTracking(stack.gatewayUrl, created.body.trackingToken);
    sockets.push(socket);
    expect(socket.rooms).toEqual([`tracking:${created.body.id}`]);
    const statuses: StatusEvent[] = [];
    socket.on('luggage.status', (e: StatusEvent) => statuses.push(e));
    const assigned = nextEvent<StatusEvent>(socket, 'luggage.status', 20_000);
    void worker.resume();
    expect((await assigned).status).toBe('assigned');

    // Planned: the tracking link shows the ETA, the courier's first name and, while the delivery is
    // under way, the courier's work phone (issue 12, defect 8); no email, no full name, no plate.
    const tracked = await api<{
      status: string;
      etaAt: string;
      courier: { firstName: string; position: unknown; phone: string | null };
    }>(`${stack.apiUrl}/v1/tracking/${created.body.trackingToken}`);
    expect(tracked.status).toBe(200);
    expect(tracked.body.status).toBe('assigned');
    expect(tracked.body.etaAt).not.toBeNull();
    expect(tracked.body.courier.position).toBeNull();
    expect(tracked.body.courier.phone).toMatch(/^010-3001-330\d$/);
    expect(JSON.stringify(tracked.body)).not.toMatch(/@demo\.geomdan\.kr|80아/);
    const forged = await api(`${stack.apiUrl}/v1/tracking/${'A'.repeat(43)}`);
    expect(forged.status).toBe(404);
    expect(forged.body.code).toBe('TRACKING_TOKEN_INVALID');

    // The courier the plan chose sees the booking among their tasks.
    let courierToken = '';
    for (const account of courierAccounts) {
      const session = await signIn(stack.apiUrl, account.email, account.password);
      const tasks = await api<Array<{ id: string }>>(`${stack.apiUrl}/v1/luggage/courier/tasks`, {
        token: session.accessToken,
      });
      if (tasks.body.some((t) => t.id === created.body.id)) courierToken = session.accessToken;
    }
    expect(courierToken).not.toBe('');
    const base = `${stack.apiUrl}/v1/luggage/courier/bookings/${created.body.id}`;

    expect((await api(`${base}/en-route`, { token: courierToken, body: { lat: 37.49, lng: 126.49 } })).status).toBe(
      200,
    );
    const position = nextEvent<{ lat: number; bookingId: string }>(socket, 'luggage.position');
    expect(
      (
        await api(`${stack.apiUrl}/v1/luggage/courier/position`, {
          token: courierToken,
          body: { lat: 37.45, lng: 126.46 },
        })
      ).status,
    ).toBe(200);
    expect(await position).toMatchObject({ bookingId: created.body.id, lat: 37.45 });

    // Pickup: count, one photo and one tag per bag; a non-image is refused and nothing is kept.
    const badForm = new FormData();
    badForm.append('bagCount', '2');
    badForm.append('tags', 'FL-T-0001,FL-T-0002');
    badForm.append('photos', new Blob([PNG], { type: 'image/png' }), 'a.png');
    badForm.append('photos', new Blob([Buffer.from('not an image at all')], { type: 'image/jpeg' }), 'b.jpg');
    const bad = await api(`${base}/pickup`, { token: courierToken, form: badForm });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('LUGGAGE_PHOTO_INVALID');

    const form = new FormData();
    form.append('bagCount', '2');
    form.append('tags', '["FL-T-0001","FL-T-0002"]');
    form.append('damageNotes', '["","scuffed corner"]');
    form.append('lat', '37.4389');
    form.append('lng', '126.4535');
    form.append('photos', new Blob([PNG], { type: 'image/png' }), 'a.png');
    form.append('photos', new Blob([JPEG], { type: 'image/jpeg' }), 'b.jpg');
    const picked = await api<{ status: string }>(`${base}/pickup`, { token: courierToken, form });
    expect(picked.status).toBe(200);
    expect(picked.body.status).toBe('picked_up');
    const stored = readdirSync(join(dataDir, 'photos', day.toISODate()!, created.body.id));
    expect(stored).toHaveLength(2);

    // A step queued on the phone is recorded at the time it really happened: not ahead of the
    // server clock (beyond 2 min of skew), not before the step it follows.
    const apiClock = stack.apps.api.get(Clock) as SystemClock;
    const pickedAt = apiClock.now();
    apiClock.setNow(new Date(pickedAt.getTime() + 10 * 60_000));
    try {
      const ahead = await api<{ code: string }>(`${base}/in-transit`, {
        token: courierToken,
        body: { occurredAt: new Date(pickedAt.getTime() + 13 * 60_000).toISOString() },
      });
      expect([ahead.status, ahead.body.code]).toEqual([422, 'OCCURRED_AT_IN_FUTURE']);
      const early = await api<{ code: string }>(`${base}/in-transit`, {
        token: courierToken,
        body: { occurredAt: new Date(pickedAt.getTime() - 60_000).toISOString() },
      });
      expect([early.status, early.body.code]).toEqual([422, 'OCCURRED_AT_TOO_EARLY']);
      const leftAt = new Date(pickedAt.getTime() + 500);
      expect(
        (await api(`${base}/in-transit`, { token: courierToken, body: { occurredAt: leftAt.toISOString() } })).status,
      ).toBe(200);
      const step = await stack.apps.api
        .get(DataSource)
        .query<{ type: string; at: Date }[]>(
          'SELECT type, at FROM custody_events WHERE booking_id = $1 ORDER BY id DESC LIMIT 1',
          [created.body.id],
        );
      expect(step[0]).toEqual({ type: 'in_transit', at: leftAt });
    } finally {
      // Back to (just after) where the clock was, so the rest of the day plays as before.
      apiClock.setNow(new Date(pickedAt.getTime() + 1000));
    }

    // Delivery: a wrong PIN is refused (and counted); the right one completes the handover.
    const wrongPin = created.body.pin === '000000' ? '111111' : '000000';
    const wrong = await api<{ code: string; details: { attemptsLeft: number } }>(`${base}/deliver`, {
      token: courierToken,
      body: { pin: wrongPin },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('PIN_INVALID');
    expect(wrong.body.details.attemptsLeft).toBe(4);
    const delivered = await api<{ status: string }>(`${base}/deliver`, {
      token: courierToken,
      body: { pin: created.body.pin, lat: 37.4492, lng: 126.451 },
    });
    expect(delivered.status).toBe(200);
    expect(delivered.body.status).toBe('delivered');

    await waitFor(() => statuses.some((s) => s.status === 'delivered'));
    // A re-plan may repeat a status with a new ETA; the steps themselves arrive once each, in order.
    const steps = statuses.map((s) => s.status).filter((s, i, all) => i === 0 || all[i - 1] !== s);
    expect(steps).toEqual(['assigned', 'courier_en_route', 'picked_up', 'in_transit', 'delivered']);
    expect(statuses.every((s) => s.bookingId === created.body.id)).toBe(true);
    const versions = statuses.map((s) => s.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);

    // The custody log has every step, who and where; it cannot be rewritten.
    const dispatcher = await signIn(stack.apiUrl, dispatcherAccount.email, dispatcherAccount.password);
    const view = await api<{ custody: Array<{ type: string; actorRole: string; lat: number | null }> }>(
      `${stack.apiUrl}/v1/luggage/bookings/${created.body.id}`,
      { token: dispatcher.accessToken },
    );
    expect(view.body.custody.map((e) => e.type)).toEqual([
      'booked',
      'assigned',
      'courier_en_route',
      'damage',
      'picked_up',
      'in_transit',
      'pin_rejected',
      'delivered',
    ]);
    expect(view.body.custody.find((e) => e.type === 'picked_up')).toMatchObject({ actorRole: 'staff', lat: 37.4389 });
    const ds = stack.apps.api.get(DataSource);
    await expect(ds.query('UPDATE custody_events SET at = now()')).rejects.toThrow(/append-only/);
    await expect(ds.query('DELETE FROM custody_events')).rejects.toThrow(/append-only/);
  });

  it('cancels free until the courier sets off, then with the fee; locks after five wrong PINs until a dispatcher releases it; records an absent traveller', async () => {
    const book = async (suffix: string) => {
      const body = { ...quoteBody(), flightNumber: `OZ10${suffix}` };
      const quote = await api<{ quoteToken: string }>(`${stack.apiUrl}/v1/luggage/quotes`, { body });
      const created = await api<{ id: string; pin: string; trackingToken: string }>(
        `${stack.apiUrl}/v1/luggage/bookings`,
        {
          body: {
            ...body,
            quoteToken: quote.body.quoteToken,
            contact: { name: '김민지', phone: '010-2345-6789', email: 'minji@example.kr' },
            language: 'ko',
            prohibitedItemsConfirmed: true,
          },
        },
      );
      expect(created.status).toBe(201);
      await waitForAsync(
        async () =>
          (await api<{ status: string }>(`${stack.apiUrl}/v1/tracking/${created.body.trackingToken}`)).body.status ===
          'assigned',
      );
      return created.body;
    };
    const courierFor = async (bookingId: string) => {
      for (const account of courierAccounts) {
        const session = await signIn(stack.apiUrl, account.email, account.password);
        const tasks = await api<Array<{ id: string }>>(`${stack.apiUrl}/v1/luggage/courier/tasks`, {
          token: session.accessToken,
        });
        if (tasks.body.some((t) => t.id === bookingId)) return session.accessToken;
      }
      throw new Error('no courier has the booking');
    };
    const [free, paid, locked, absent] = [await book('1'), await book('2'), await book('3'), await book('4')];

    // Free while only assigned.
    const freeCancel = await api<{ status: string; cancellationFeeKrw: number }>(
      `${stack.apiUrl}/v1/tracking/${free.trackingToken}/cancel`,
      { method: 'POST' },
    );
    expect(freeCancel.body).toMatchObject({ status: 'cancelled', cancellationFeeKrw: 0 });
    // The fee of the booking's price rules once the courier set off.
    const paidCourier = await courierFor(paid.id);
    expect(
      (await api(`${stack.apiUrl}/v1/luggage/courier/bookings/${paid.id}/en-route`, { token: paidCourier, body: {} }))
        .status,
    ).toBe(200);
    const paidCancel = await api<{ status: string; cancellationFeeKrw: number }>(
      `${stack.apiUrl}/v1/tracking/${paid.trackingToken}/cancel`,
      { method: 'POST' },
    );
    expect(paidCancel.body).toMatchObject({ status: 'cancelled', cancellationFeeKrw: 10_000 });

    // Five wrong PINs lock the handover; even the right PIN is refused until a dispatcher releases it.
    const courier = await courierFor(locked.id);
    // Another courier cannot even see that booking.
    for (const account of courierAccounts) {
      const session = await signIn(stack.apiUrl, account.email, account.password);
      if (session.accessToken === courier) continue;
      const tasks = await api<Array<{ id: string }>>(`${stack.apiUrl}/v1/luggage/courier/tasks`, {
        token: session.accessToken,
      });
      if (tasks.body.some((t) => t.id === locked.id)) continue;
      const foreign = await api<{ code: string }>(`${stack.apiUrl}/v1/luggage/courier/bookings/${locked.id}/en-route`, {
        token: session.accessToken,
        body: {},
      });
      expect({ status: foreign.status, code: foreign.body.code }).toEqual({
        status: 404,
        code: 'LUGGAGE_BOOKING_NOT_FOUND',
      });
    }
    const base = `${stack.apiUrl}/v1/luggage/courier/bookings/${locked.id}`;
    await api(`${base}/en-route`, { token: courier, body: {} });
    const form = new FormData();
    form.append('bagCount', '2');
    form.append('tags', 'FL-L-0001,FL-L-0002');
    form.append('photos', new Blob([PNG], { type: 'image/png' }), 'a.png');
    form.append('photos', new Blob([JPEG], { type: 'image/jpeg' }), 'b.jpg');
    // The phone's outbox sends each step with a key; a resend (the answer was lost) gets the first
    // answer back, and the bags and their photos are not stored twice.
    const pickupKey = { 'Idempotency-Key': `pickup-${locked.id}` };
    const pickedUp = await api<{ status: string; version: number }>(`${base}/pickup`, {
      token: courier,
      form,
      headers: pickupKey,
    });
    expect(pickedUp.status).toBe(200);
    const pickupAgain = await api<{ status: string; version: number }>(`${base}/pickup`, {
      token: courier,
      form,
      headers: pickupKey,
    });
    expect([pickupAgain.status, pickupAgain.body]).toEqual([200, pickedUp.body]);
    const db = stack.apps.api.get(DataSource);
    const stored = await db.query<{ bags: number; pickups: number }[]>(
      `SELECT (SELECT count(*)::int FROM luggage_bags WHERE booking_id = $1) AS bags, (SELECT count(*)::int FROM custody_events WHERE booking_id = $1 AND type = 'picked_up') AS pickups`,
      [locked.id],
    );
    expect(stored[0]).toEqual({ bags: 2, pickups: 1 });
    expect(readdirSync(join(dataDir, 'photos', day.toISODate()!, locked.id))).toHaveLength(2);
    const wrongPin = locked.pin === '000000' ? '111111' : '000000';
    const codes: string[] = [];
    // A refused PIN is not an answer to replay: the same key sent again is a new attempt, and counts.
    const pinKey = { 'Idempotency-Key': `deliver-${locked.id}` };
    for (let i = 0; i < 5; i++)
      codes.push(
        (await api<{ code: string }>(`${base}/deliver`, { token: courier, body: { pin: wrongPin }, headers: pinKey }))
          .body.code,
      );
    expect(codes).toEqual(['PIN_INVALID', 'PIN_INVALID', 'PIN_INVALID', 'PIN_INVALID', 'HANDOVER_LOCKED']);
    const stillLocked = await api<{ code: string }>(`${base}/deliver`, { token: courier, body: { pin: locked.pin } });
    expect({ status: stillLocked.status, code: stillLocked.body.code }).toEqual({
      status: 409,
      code: 'HANDOVER_LOCKED',
    });
    const dispatcher = await signIn(stack.apiUrl, dispatcherAccount.email, dispatcherAccount.password);
    expect(
      (
        await api(`${stack.apiUrl}/v1/luggage/bookings/${locked.id}/release-handover`, {
          token: dispatcher.accessToken,
          method: 'POST',
        })
      ).status,
    ).toBe(200);
    const handoverKey = { 'Idempotency-Key': `handover-${locked.id}` };
    const released = await api<{ status: string; version: number }>(`${base}/deliver`, {
      token: courier,
      body: { pin: locked.pin },
      headers: handoverKey,
    });
    expect(released.body.status).toBe('delivered');
    const releasedAgain = await api<{ status: string; version: number }>(`${base}/deliver`, {
      token: courier,
      body: { pin: locked.pin },
      headers: handoverKey,
    });
    expect([releasedAgain.status, releasedAgain.body]).toEqual([200, released.body]);

    // The traveller is not there: the booking fails with the reason, in the custody log.
    const absentCourier = await courierFor(absent.id);
    await api(`${stack.apiUrl}/v1/luggage/courier/bookings/${absent.id}/en-route`, { token: absentCourier, body: {} });
    const failed = await api<{ status: string }>(
      `${stack.apiUrl}/v1/luggage/courier/bookings/${absent.id}/exceptions`,
      {
        token: absentCourier,
        body: { type: 'traveller_absent', reason: 'No answer at the front desk or by phone', lat: 37.44, lng: 126.45 },
      },
    );
    expect(failed.body.status).toBe('failed');
    const view = await api<{ failureReason: string; custody: Array<{ type: string }> }>(
      `${stack.apiUrl}/v1/luggage/bookings/${absent.id}`,
      { token: dispatcher.accessToken },
    );
    expect(view.body.failureReason).toMatch(/^traveller_absent/);
    expect(view.body.custody.map((e) => e.type)).toContain('traveller_absent');
  });

  it('versions price rules: admins change them (audited), dispatchers read them, new quotes record the version', async () => {
    const admin = await signIn(
      stack.apiUrl,
      DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!.email,
      DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!.password,
    );
    const dispatcher = await signIn(stack.apiUrl, dispatcherAccount.email, dispatcherAccount.password);
    const areaId = (
      await stack.apps.api.get(DataSource).getRepository(ServiceAreaEntity).findOneByOrFail({ code: 'freelug' })
    ).id;
    const rules = {
      areaId,
      baseKrw: 12_000,
      perBagKrw: { carry_on: 10_000, suitcase: 20_000, oversize: 30_000 },
      zones: [
        { code: 'A', maxKm: 20, surchargeKrw: 0 },
        { code: 'B', maxKm: null, surchargeKrw: 8_000 },
      ],
      cancellationFeeKrw: 15_000,
    };
    expect(
      (await api(`${stack.apiUrl}/v1/luggage/price-rules`, { token: dispatcher.accessToken, body: rules })).status,
    ).toBe(403);
    const badZones = await api(`${stack.apiUrl}/v1/luggage/price-rules`, {
      token: admin.accessToken,
      body: { ...rules, zones: [{ code: 'A', maxKm: 20, surchargeKrw: 0 }] },
    });
    expect(badZones.body.code).toBe('PRICE_RULES_INVALID');
    const changed = await api<{ version: number }>(`${stack.apiUrl}/v1/luggage/price-rules`, {
      token: admin.accessToken,
      body: rules,
    });
    expect(changed.status).toBe(201);
    expect(changed.body.version).toBe(2);
    const read = await api<{ version: number; rules: { baseKrw: number } }>(
      `${stack.apiUrl}/v1/luggage/price-rules?areaId=${areaId}`,
      { token: dispatcher.accessToken },
    );
    expect(read.body).toMatchObject({ version: 2, rules: { baseKrw: 12_000 } });
    const quote = await api<{ priceKrw: number; priceRuleVersion: number }>(`${stack.apiUrl}/v1/luggage/quotes`, {
      body: quoteBody(),
    });
    expect(quote.body).toMatchObject({ priceKrw: 42_000, priceRuleVersion: 2 });
    const audit = await stack.apps.api
      .get(DataSource)
      .query(`SELECT action FROM audit_log WHERE entity_type = 'price_rules'`);
    expect(audit).toEqual([{ action: 'price_rules.changed' }]);
  });

  it('carries bags from a home address the traveller pins on the map; the address stays private', async () => {
    const home = { text: '인천 서구 완정로 100, 101동 1203호 (공동현관 1203#)', lat: 37.5955, lng: 126.6731 };
    const body = { ...quoteBody(), origin: undefined, originAddress: home, flightNumber: 'OZ3310' };
    const quote = await api<{ quoteToken: string; origin: { code: string | null; nameKo: string } }>(
      `${stack.apiUrl}/v1/luggage/quotes`,
      { body },
    );
    expect(quote.status).toBe(200);
    expect(quote.body.origin).toEqual({ code: null, nameKo: home.text, nameEn: home.text });
    const contact = { name: '정하늘', phone: '010-3456-7890', email: 'haneul@example.kr' };
    // The booking must carry the address it was quoted for.
    const moved = await api<{ code: string }>(`${stack.apiUrl}/v1/luggage/bookings`, {
      body: {
        ...body,
        originAddress: { ...home, lat: 37.6 },
        quoteToken: quote.body.quoteToken,
        contact,
        language: 'ko',
        prohibitedItemsConfirmed: true,
      },
    });
    expect([moved.status, moved.body.code]).toEqual([422, 'QUOTE_MISMATCH']);
    const created = await api<{ id: string; trackingToken: string }>(`${stack.apiUrl}/v1/luggage/bookings`, {
      body: { ...body, quoteToken: quote.body.quoteToken, contact, language: 'ko', prohibitedItemsConfirmed: true },
    });
    expect(created.status).toBe(201);
    await waitForAsync(
      async () =>
        (await api<{ status: string }>(`${stack.apiUrl}/v1/tracking/${created.body.trackingToken}`)).body.status ===
        'assigned',
    );

    // The dispatcher sees where to go; the public catalogue never lists a traveller's home.
    const dispatcher = await signIn(stack.apiUrl, dispatcherAccount.email, dispatcherAccount.password);
    const view = await api<{ origin: { kind: string; address: string; lat: number; lng: number } }>(
      `${stack.apiUrl}/v1/luggage/bookings/${created.body.id}`,
      { token: dispatcher.accessToken },
    );
    expect(view.body.origin).toMatchObject({ kind: 'home', address: home.text, lat: home.lat, lng: home.lng });
    const areaId = (
      await stack.apps.api.get(DataSource).getRepository(ServiceAreaEntity).findOneByOrFail({ code: 'freelug' })
    ).id;
    const catalogue = await api<Array<{ kind: string }>>(`${stack.apiUrl}/v1/areas/${areaId}/places`);
    expect(catalogue.body.length).toBeGreaterThan(0);
    expect(catalogue.body.map((p) => p.kind)).not.toContain('home');
    // The courier's task names the address to go to.
    let found = false;
    for (const account of courierAccounts) {
      const session = await signIn(stack.apiUrl, account.email, account.password);
      const tasks = await api<Array<{ id: string; origin: { nameKo: string; lat: number } }>>(
        `${stack.apiUrl}/v1/luggage/courier/tasks`,
        { token: session.accessToken },
      );
      const task = tasks.body.find((t) => t.id === created.body.id);
      if (task) {
        expect(task.origin).toMatchObject({ nameKo: home.text, lat: home.lat });
        found = true;
      }
    }
    expect(found).toBe(true);
  });

  it('refuses bad input with stable codes and writes nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...quoteBody(), origin: 'h-nowhere' }, 'LUGGAGE_PLACE_UNKNOWN'],
      // An address far outside the area (Busan), and a side given twice.
      [
        { ...quoteBody(), origin: undefined, originAddress: { text: '부산 해운대구 우동 1', lat: 35.16, lng: 129.16 } },
        'LUGGAGE_ADDRESS_OUTSIDE_AREA',
      ],
      [
        { ...quoteBody(), originAddress: { text: '인천 서구 완정로 100', lat: 37.5955, lng: 126.6731 } },
        'LUGGAGE_ROUTE_INVALID',
      ],
      [{ ...quoteBody(), origin: undefined }, 'LUGGAGE_ROUTE_INVALID'],
      [{ ...quoteBody(), bags: { carry_on: 0, suitcase: 0, oversize: 0 } }, 'LUGGAGE_BAGS_INVALID'],
      [{ ...quoteBody(), bags: { carry_on: 5, suitcase: 4, oversize: 0 } }, 'LUGGAGE_BAGS_INVALID'],
      [{ ...quoteBody(), flightAt: day.set({ hour: 7 }).toISO() }, 'LUGGAGE_FLIGHT_IN_PAST'],
      [{ ...quoteBody(), flightAt: day.set({ hour: 11 }).toISO() }, 'LUGGAGE_DEADLINE_UNREACHABLE'],
      [{ ...quoteBody(), origin: 'icn-t2' }, 'LUGGAGE_ROUTE_INVALID'],
    ];
    for (const [body, code] of cases) {
      const response = await api(`${stack.apiUrl}/v1/luggage/quotes`, { body });
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 422, code });
    }
    const quote = await api<{ quoteToken: string }>(`${stack.apiUrl}/v1/luggage/quotes`, { body: quoteBody() });
    const booking = {
      ...quoteBody(),
      quoteToken: quote.body.quoteToken,
      contact: { name: 'Kim', phone: 'call me', email: 'not-an-email' },
      language: 'ko',
      prohibitedItemsConfirmed: true,
    };
    const invalidContact = await api(`${stack.apiUrl}/v1/luggage/bookings`, { body: booking });
    expect(invalidContact.status).toBe(400);
    expect(invalidContact.body.code).toBe('VALIDATION_FAILED');
    const mismatch = await api(`${stack.apiUrl}/v1/luggage/bookings`, {
      body: {
        ...booking,
        contact: { name: 'Kim', phone: '010-2222-3333', email: 'kim@example.kr' },
        bags: { carry_on: 2, suitcase: 1, oversize: 0 },
      },
    });
    expect(mismatch.body.code).toBe('QUOTE_MISMATCH');
    // After the same-day cutoff (10:00) a same-day airport delivery is refused with the next bookable date.
    const clock = stack.apps.api.get(Clock) as SystemClock;
    const before = clock.now();
    clock.setNow(day.set({ hour: 10, minute: 30 }).toJSDate());
    try {
      const late = await api<{ code: string; details: { nextBookableDate: string } }>(
        `${stack.apiUrl}/v1/luggage/quotes`,
        { body: { ...quoteBody(), flightAt: day.set({ hour: 20 }).toISO() } },
      );
      expect(late.body.code).toBe('LUGGAGE_SAME_DAY_CUTOFF_PASSED');
      expect(late.body.details.nextBookableDate).toBe(day.plus({ days: 1 }).toISODate());
      // Airport → hotel after the cutoff: the next day's evening window is offered instead.
      const arrival = await api<{ serviceDate: string; nextSlotOffered: boolean }>(
        `${stack.apiUrl}/v1/luggage/quotes`,
        {
          body: {
            ...quoteBody(),
            origin: 'icn-t2',
            destination: 'h-lotte-seoul',
            flightAt: day.set({ hour: 11 }).toISO(),
          },
        },
      );
      expect(arrival.body).toMatchObject({ serviceDate: day.plus({ days: 1 }).toISODate(), nextSlotOffered: true });
    } finally {
      clock.setNow(before);
    }
  });

  it('serialises 20 concurrent PIN deliveries on one booking: none is "too early", one delivers, the trail stays in order', async () => {
    const body = { ...quoteBody(), flightNumber: 'OZ1099' };
    const quote = await api<{ quoteToken: string }>(`${stack.apiUrl}/v1/luggage/quotes`, { body });
    const created = await api<{ id: string; pin: string; trackingToken: string }>(
      `${stack.apiUrl}/v1/luggage/bookings`,
      {
        body: {
          ...body,
          quoteToken: quote.body.quoteToken,
          contact: { name: '이서준', phone: '010-3456-7890', email: 'seojun@example.kr' },
          language: 'ko',
          prohibitedItemsConfirmed: true,
        },
      },
    );
    expect(created.status).toBe(201);
    await waitForAsync(
      async () =>
        (await api<{ status: string }>(`${stack.apiUrl}/v1/tracking/${created.body.trackingToken}`)).body.status ===
        'assigned',
    );
    let courier = '';
    for (const account of courierAccounts) {
      const session = await signIn(stack.apiUrl, account.email, account.password);
      const tasks = await api<Array<{ id: string }>>(`${stack.apiUrl}/v1/luggage/courier/tasks`, {
        token: session.accessToken,
      });
      if (tasks.body.some((t) => t.id === created.body.id)) courier = session.accessToken;
    }
    const base = `${stack.apiUrl}/v1/luggage/courier/bookings/${created.body.id}`;
    expect((await api(`${base}/en-route`, { token: courier, body: {} })).status).toBe(200);
    const form = new FormData();
    form.append('bagCount', '2');
    form.append('tags', 'FL-C-0001,FL-C-0002');
    form.append('photos', new Blob([PNG], { type: 'image/png' }), 'a.png');
    form.append('photos', new Blob([JPEG], { type: 'image/jpeg' }), 'b.jpg');
    expect((await api(`${base}/pickup`, { token: courier, form })).status).toBe(200);
    expect((await api(`${base}/in-transit`, { token: courier, body: {} })).status).toBe(200);

    // Twenty PIN attempts at once, none with an occurredAt: each waits for the booking's row lock
    // and is judged at the time it gets it, so none can be "before the previous step".
    const wrongPin = created.body.pin === '000000' ? '111111' : '000000';
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        api<{ code?: string }>(`${base}/deliver`, { token: courier, body: { pin: wrongPin } }),
      ),
    );
    const outcomes = answers.map((a) => `${a.status} ${a.body.code}`).sort();
    expect(outcomes).toEqual([
      ...Array<string>(16).fill('409 HANDOVER_LOCKED'),
      ...Array<string>(4).fill('422 PIN_INVALID'),
    ]);
    const dispatcher = await signIn(stack.apiUrl, dispatcherAccount.email, dispatcherAccount.password);
    expect(
      (
        await api(`${stack.apiUrl}/v1/luggage/bookings/${created.body.id}/release-handover`, {
          token: dispatcher.accessToken,
          method: 'POST',
        })
      ).status,
    ).toBe(200);
    const rights = await Promise.all(
      Array.from({ length: 5 }, () =>
        api<{ code?: string; status?: string }>(`${base}/deliver`, { token: courier, body: { pin: created.body.pin } }),
      ),
    );
    expect(
      rights.map((a) => (a.status === 200 ? `200 ${a.body.status}` : `${a.status} ${a.body.code}`)).sort(),
    ).toEqual(['200 delivered', ...Array<string>(4).fill('409 LUGGAGE_STATUS_CONFLICT')]);
    const trail = await stack.apps.api
      .get(DataSource)
      .query<Array<{ type: string; at: Date }>>(
        `SELECT type, at FROM custody_events WHERE booking_id = $1 ORDER BY at, id`,
        [created.body.id],
      );
    expect(trail.map((e) => e.type).filter((t) => t !== 'booked' && t !== 'assigned')).toEqual([
      'courier_en_route',
      'picked_up',
      'in_transit',
      'pin_rejected',
      'pin_rejected',
      'pin_rejected',
      'pin_rejected',
      'pin_rejected',
      'handover_locked',
      'handover_released',
      'delivered',
    ]);
    expect(trail[trail.length - 1].type).toBe('delivered');
  });
});

async function waitForAsync(predicate: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
