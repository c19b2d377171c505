import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { Socket } from 'socket.io-client';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { QueueName } from '@app/queues';
import type { RideStatusEvent } from '@app/realtime';
import { ActivateScheduledRideHandler } from '../apps/dispatcher/src/shuttle/activate-scheduled-ride.handler';
import { api, EventLog, openShuttleAroundTheClock, ShuttleFixture } from './support/shuttle-fixtures';
import { connectSocket, RunningStack, signIn, startStack } from './support/stack';
import { createTestContext, TestContext } from './support/test-context';

const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
const dispatcher = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;
const adminAccount = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;
const driver1 = DEMO_ACCOUNTS.find((a) => a.email.startsWith('driver1'))!;
const driver2 = DEMO_ACCOUNTS.find((a) => a.email.startsWith('driver2'))!;

interface Ride {
  id: string;
  status: string;
  version: number;
  vehicle: { id: string } | null;
  promisedPickup: { from: string; to: string } | null;
  times: {
    requestedAt: string;
    assignedAt: string | null;
    arrivedAt: string | null;
    pickedUpAt: string | null;
    droppedOffAt: string | null;
  };
  history?: { status: string; at: string }[];
  lateCancel: boolean;
}

describe('shuttle: a rider books, the dispatcher assigns, the driver completes the ride', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  let fx: ShuttleFixture;
  let riderToken: string;
  let driverToken: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    fx = await openShuttleAroundTheClock(ctx);
    stack = await startStack(ctx);
    riderToken = (await signIn(stack.apiUrl, rider.email, rider.password)).accessToken;
    driverToken = (await signIn(stack.apiUrl, driver1.email, driver1.password)).accessToken;
    const started = await api<{ vehicleId: string; online: boolean }>(
      stack.apiUrl,
      'POST',
      '/v1/driver/shifts/start',
      driverToken,
      {},
    );
    expect(started.status).toBe(200);
    expect(started.body.online).toBe(true);
  });

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await stack?.close();
    await fx?.close();
    await ctx?.dispose();
  });

  it('lists the stops of the area with its service hours', async () => {
    const res = await api<{ stops: { code: string; name: { ko: string; en: string } }[]; serviceHours: unknown[] }>(
      stack.apiUrl,
      'GET',
      `/v1/shuttle/areas/${fx.areaId}/stops`,
      null,
    );
    expect(res.status).toBe(200);
    expect(res.body.stops).toHaveLength(15);
    expect(res.body.stops[0].name.ko).toBeTruthy();
    expect(res.body.stops[0].name.en).toBeTruthy();
    expect(res.body.serviceHours).toHaveLength(7);
  });

  it('documents every shuttle endpoint in the OpenAPI document', async () => {
    const doc = await api<{ paths: Record<string, unknown> }>(stack.apiUrl, 'GET', '/docs-json', null);
    for (const path of [
      '/v1/riders/sign-up',
      '/v1/shuttle/areas/{areaId}/stops',
      '/v1/rides',
      '/v1/rides/{id}',
      '/v1/rides/{id}/cancel',
      '/v1/dispatch/rides',
      '/v1/driver/shifts/start',
      '/v1/driver/online',
      '/v1/driver/offline',
      '/v1/driver/location',
      '/v1/driver/manifest',
      '/v1/driver/rides/{id}/arrive',
      '/v1/driver/rides/{id}/pickup',
      '/v1/driver/rides/{id}/no-show',
      '/v1/driver/rides/{id}/dropoff',
    ])
      expect(Object.keys(doc.body.paths)).toContain(path);
  });

  it('takes a ride from request to completed and tells the rider each status in order', async () => {
    const socket = await connectSocket(stack.gatewayUrl, riderToken);
    sockets.push(socket);
    const log = new EventLog<RideStatusEvent>(socket, 'ride.status');
    const positions = new EventLog<{ vehicleId: string; lat: number; etaToNextStopS: number | null }>(
      socket,
      'vehicle.position',
    );
    const driverSocket = await connectSocket(stack.gatewayUrl, driverToken);
    sockets.push(driverSocket);
    const manifests = new EventLog<{ version: number; stops: { rideId: string; kind: string }[] }>(
      driverSocket,
      'manifest.updated',
    );

    const booked = await api<Ride>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-oryu-stn'),
      dropoffStopId: fx.stop('gd-f-hanbit'),
      passengers: 1,
      timeMode: 'now',
    });
    expect(booked.status).toBe(202);
    expect(booked.body.status).toBe('requested');
    const rideId = booked.body.id;

    // The promise: assigned within one second of the request being accepted.
    const assigned = await log.waitFor(
      (e) => e.rideId === rideId && e.status === 'assigned',
      1000,
      'assignment within 1 s',
    );
    expect(assigned.vehicle).not.toBeNull();
    expect(assigned.promisedPickup).not.toBeNull();
    expect(assigned.eta.pickupAt).not.toBeNull();
    expect(assigned.eta.dropoffAt).not.toBeNull();
    await manifests.waitFor((m) => m.stops.some((s) => s.rideId === rideId));

    const manifest = await api<{ version: number; stops: { kind: string; rider: { rideId: string } }[] }>(
      stack.apiUrl,
      'GET',
      '/v1/driver/manifest',
      driverToken,
    );
    expect(manifest.status).toBe(200);
    expect(manifest.body.stops.map((s) => [s.rider.rideId, s.kind])).toEqual([
      [rideId, 'pickup'],
      [rideId, 'dropoff'],
    ]);

    // While the ride is active the rider sees the van move, with an ETA to its next stop.
    const located = await api(stack.apiUrl, 'POST', '/v1/driver/location', driverToken, {
      lat: 37.5969,
      lng: 126.6352,
      heading: 270,
      speed: 8.3,
      at: new Date().toISOString(),
    });
    expect(located.status).toBe(204);
    const position = await positions.waitFor((p) => p.vehicleId === assigned.vehicle!.id);
    expect(position.etaToNextStopS).toBeGreaterThan(0);

    for (const [action, status] of [
      ['arrive', 'arrived'],
      ['pickup', 'on_board'],
      ['dropoff', 'completed'],
    ] as const) {
      // Sent with the phone outbox's key; sent again (the answer was lost), the first answer comes back.
      const key = { 'Idempotency-Key': `${rideId}-${action}` };
      const res = await api<Ride>(stack.apiUrl, 'POST', `/v1/driver/rides/${rideId}/${action}`, driverToken, {}, key);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(status);
      await log.waitFor((e) => e.rideId === rideId && e.status === status, 5000, `${status} event`);
      const again = await api<Ride>(stack.apiUrl, 'POST', `/v1/driver/rides/${rideId}/${action}`, driverToken, {}, key);
      expect([again.status, again.body.version, again.body.status]).toEqual([200, res.body.version, status]);
      const reused = await api<{ code: string }>(
        stack.apiUrl,
        'POST',
        `/v1/driver/rides/${rideId}/${action}`,
        driverToken,
        { occurredAt: new Date().toISOString() },
        key,
      );
      expect([reused.status, reused.body.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    }

    // Each status in order, read as a client does: by version, dropping stale copies (ETA
    // refreshes repeat a status with a newer version).
    const mine = log.events.filter((e) => e.rideId === rideId).sort((a, b) => a.version - b.version);
    const statuses = mine.map((e) => e.status).filter((s, i, all) => i === 0 || all[i - 1] !== s);
    expect(statuses).toEqual(['requested', 'assigned', 'arrived', 'on_board', 'completed']);
    expect(new Set(mine.map((e) => e.version)).size).toBe(mine.length);

    const final = await api<Ride>(stack.apiUrl, 'GET', `/v1/rides/${rideId}`, riderToken);
    expect(final.body.status).toBe('completed');
    const t = final.body.times;
    for (const at of [t.assignedAt, t.arrivedAt, t.pickedUpAt, t.droppedOffAt]) expect(at).not.toBeNull();
    expect(Date.parse(t.requestedAt)).toBeLessThanOrEqual(Date.parse(t.assignedAt!));
    expect(Date.parse(t.arrivedAt!)).toBeLessThanOrEqual(Date.parse(t.pickedUpAt!));
    expect(Date.parse(t.pickedUpAt!)).toBeLessThanOrEqual(Date.parse(t.droppedOffAt!));
    expect(final.body.history!.map((h) => h.status)).toEqual([
      'requested',
      'assigned',
      'arrived',
      'on_board',
      'completed',
    ]);

    const mineList = await api<Ride[]>(stack.apiUrl, 'GET', '/v1/rides?scope=past', riderToken);
    expect(mineList.body.find((r) => r.id === rideId)?.times).toEqual(t);
    const current = await api<Ride[]>(stack.apiUrl, 'GET', '/v1/rides?scope=current', riderToken);
    expect(current.body.map((r) => r.id)).not.toContain(rideId);
    const plan = await fx.db.query<{ stops: unknown[] }>('SELECT stops FROM vehicle_plans WHERE vehicle_id = $1', [
      assigned.vehicle!.id,
    ]);
    expect(plan.rows[0].stops).toEqual([]);
  });

  it('returns the same booking for a retried Idempotency-Key and refuses the key for another body', async () => {
    const body = {
      pickupStopId: fx.stop('gd-wanggil-stn'),
      dropoffStopId: fx.stop('gd-f-daesung'),
      passengers: 2,
      timeMode: 'now',
    };
    const headers = { 'idempotency-key': 'retry-test-1' };
    const [a, b] = await Promise.all([
      api<Ride>(stack.apiUrl, 'POST', '/v1/rides', riderToken, body, headers),
      api<Ride>(stack.apiUrl, 'POST', '/v1/rides', riderToken, body, headers),
    ]);
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body.id).toBe(a.body.id);
    const count = await fx.db.query<{ n: string }>('SELECT count(*) AS n FROM rides WHERE pickup_place_id = $1', [
      body.pickupStopId,
    ]);
    expect(Number(count.rows[0].n)).toBe(1);
    const reused = await api<{ code: string }>(
      stack.apiUrl,
      'POST',
      '/v1/rides',
      riderToken,
      { ...body, passengers: 3 },
      headers,
    );
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('cancels for free before the van is on its way, and records a late cancel after it arrived', async () => {
    const early = await api<Ride>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-east-gate'),
      dropoffStopId: fx.stop('gd-office'),
      passengers: 1,
      timeMode: 'depart_at',
      at: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    });
    expect(early.body.status).toBe('scheduled');
    const free = await api<Ride>(stack.apiUrl, 'POST', `/v1/rides/${early.body.id}/cancel`, riderToken, {
      reason: 'plans changed',
    });
    expect(free.status).toBe(200);
    expect(free.body.status).toBe('cancelled');
    expect(free.body.lateCancel).toBe(false);

    const socket = await connectSocket(stack.gatewayUrl, riderToken);
    sockets.push(socket);
    const log = new EventLog<RideStatusEvent>(socket, 'ride.status');
    // Assigned for 20 minutes from now: the van is not coming yet, so cancelling is still free.
    const soon = await api<Ride>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-east-gate'),
      dropoffStopId: fx.stop('gd-office'),
      passengers: 1,
      timeMode: 'depart_at',
      at: new Date(Date.now() + 20 * 60_000).toISOString(),
    });
    expect(soon.body.status).toBe('requested');
    await log.waitFor((e) => e.rideId === soon.body.id && e.status === 'assigned');
    const stillFree = await api<Ride>(stack.apiUrl, 'POST', `/v1/rides/${soon.body.id}/cancel`, riderToken, {
      reason: 'no longer needed',
    });
    expect(stillFree.body).toMatchObject({ status: 'cancelled', lateCancel: false });

    const late = await api<Ride>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-main-gate'),
      dropoffStopId: fx.stop('gd-nh'),
      passengers: 1,
      timeMode: 'now',
    });
    await log.waitFor((e) => e.rideId === late.body.id && e.status === 'assigned');
    await api(stack.apiUrl, 'POST', `/v1/driver/rides/${late.body.id}/arrive`, driverToken);
    const tooEarly = await api<{ code: string }>(
      stack.apiUrl,
      'POST',
      `/v1/driver/rides/${late.body.id}/no-show`,
      driverToken,
    );
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.code).toBe('NO_SHOW_TOO_EARLY');
    const cancelled = await api<Ride>(stack.apiUrl, 'POST', `/v1/rides/${late.body.id}/cancel`, riderToken, {
      reason: 'running late',
    });
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.lateCancel).toBe(true);
    const plan = await fx.db.query<{ stops: { taskId: string }[] }>(
      'SELECT stops FROM vehicle_plans WHERE vehicle_id = $1',
      [
        late.body.vehicle?.id ??
          (await api<Ride>(stack.apiUrl, 'GET', `/v1/rides/${late.body.id}`, riderToken)).body.vehicle!.id,
      ],
    );
    expect(plan.rows[0].stops.some((s) => s.taskId === late.body.id)).toBe(false);
  });

  it("signs up a rider with a park company's employer code, and refuses an unknown code", async () => {
    const ok = await api<{ accessToken: string; user: { role: string; areaIds: string[] } }>(
      stack.apiUrl,
      'POST',
      '/v1/riders/sign-up',
      null,
      {
        employerCode: 'DAESUNG02',
        email: 'new.worker@daesung.example',
        password: 'a-long-password',
        displayName: '박새롬',
      },
    );
    expect(ok.status).toBe(201);
    expect(ok.body.user).toMatchObject({ role: 'rider', areaIds: [fx.areaId] });
    const mine = await api<unknown[]>(stack.apiUrl, 'GET', '/v1/rides', ok.body.accessToken);
    expect(mine.body).toEqual([]);
    const bad = await api<{ code: string }>(stack.apiUrl, 'POST', '/v1/riders/sign-up', null, {
      employerCode: 'NOPE99',
      email: 'x@example.com',
      password: 'a-long-password',
      displayName: 'X',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('EMPLOYER_CODE_UNKNOWN');
  });

  it('marks a no-show only after the wait at the stop, and takes the ride out of the plan', async () => {
    const socket = await connectSocket(stack.gatewayUrl, riderToken);
    sockets.push(socket);
    const log = new EventLog<RideStatusEvent>(socket, 'ride.status');
    const res = await api<Ride>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-f-oryu-elec'),
      dropoffStopId: fx.stop('gd-oryu-stn'),
      passengers: 1,
      timeMode: 'now',
    });
    const assigned = await log.waitFor((e) => e.rideId === res.body.id && e.status === 'assigned');
    expect((await api(stack.apiUrl, 'POST', `/v1/driver/rides/${res.body.id}/arrive`, driverToken)).status).toBe(200);
    // The wait has passed (the configured minutes, moved back in the record rather than waited for).
    await fx.db.query(
      "UPDATE rides SET no_show_allowed_at = no_show_allowed_at - interval '10 minutes' WHERE id = $1",
      [res.body.id],
    );
    const noShow = await api<Ride>(stack.apiUrl, 'POST', `/v1/driver/rides/${res.body.id}/no-show`, driverToken);
    expect(noShow.status).toBe(200);
    expect(noShow.body.status).toBe('no_show');
    await log.waitFor((e) => e.rideId === res.body.id && e.status === 'no_show');
    const plan = await fx.db.query<{ stops: { taskId: string }[] }>(
      'SELECT stops FROM vehicle_plans WHERE vehicle_id = $1',
      [assigned.vehicle!.id],
    );
    expect(plan.rows[0].stops.some((s) => s.taskId === res.body.id)).toBe(false);
  });

  it('activates a scheduled ride ahead of its time and plans it', async () => {
    const socket = await connectSocket(stack.gatewayUrl, riderToken);
    sockets.push(socket);
    const log = new EventLog<RideStatusEvent>(socket, 'ride.status');
    const at = new Date(Date.now() + 2 * 3_600_000);
    const res = await api<Ride>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-north-gate'),
      dropoffStopId: fx.stop('gd-wanggil-stn'),
      passengers: 1,
      timeMode: 'depart_at',
      at: at.toISOString(),
    });
    expect(res.body.status).toBe('scheduled');
    const job = await fx.db.query<{ job_name: string; run_at: Date }>(
      "SELECT job_name, run_at FROM outbox_messages WHERE payload->>'rideId' = $1",
      [res.body.id],
    );
    expect(job.rows[0].job_name).toBe('activate-scheduled-ride');
    expect(job.rows[0].run_at.getTime()).toBe(at.getTime() - 30 * 60_000);
    // The delayed job would fire in 90 minutes; run its handler now instead of waiting.
    await stack.apps.dispatcher.get(ActivateScheduledRideHandler).handle({ rideId: res.body.id });
    const assigned = await log.waitFor((e) => e.rideId === res.body.id && e.status === 'assigned');
    expect(Date.parse(assigned.promisedPickup!.from)).toBe(at.getTime());
  });

  it('plans an arrive-by ride so that it arrives by the time asked', async () => {
    const socket = await connectSocket(stack.gatewayUrl, riderToken);
    sockets.push(socket);
    const log = new EventLog<RideStatusEvent>(socket, 'ride.status');
    const by = new Date(Date.now() + 25 * 60_000);
    const res = await api<Ride>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-oryu-stn'),
      dropoffStopId: fx.stop('gd-f-incheon-chem'),
      passengers: 1,
      timeMode: 'arrive_by',
      at: by.toISOString(),
    });
    expect(res.status).toBe(202);
    const assigned = await log.waitFor((e) => e.rideId === res.body.id && e.status === 'assigned');
    expect(Date.parse(assigned.eta.dropoffAt!)).toBeLessThanOrEqual(by.getTime());
    expect(Date.parse(assigned.promisedPickup!.to)).toBeLessThan(by.getTime());
    await api(stack.apiUrl, 'POST', `/v1/rides/${res.body.id}/cancel`, riderToken, { reason: 'test done' });
  });

  it('lets a dispatcher book for a caller by phone, and the ride is assigned like any other', async () => {
    const session = await signIn(stack.apiUrl, dispatcher.email, dispatcher.password);
    const socket = await connectSocket(stack.gatewayUrl, session.accessToken);
    sockets.push(socket);
    const log = new EventLog<RideStatusEvent>(socket, 'ride.status');
    const res = await api<Ride>(stack.apiUrl, 'POST', '/v1/dispatch/rides', session.accessToken, {
      pickupStopId: fx.stop('gd-bus-terminus'),
      dropoffStopId: fx.stop('gd-f-seohae'),
      passengers: 1,
      timeMode: 'now',
      callerName: '김민지',
      callerPhone: '010-5555-1234',
    });
    expect(res.status).toBe(202);
    await log.waitFor((e) => e.rideId === res.body.id && e.status === 'assigned');
    const decisions = await api<{ outcome: string; reason: string }[]>(
      stack.apiUrl,
      'GET',
      `/v1/dispatch/rides/${res.body.id}/decisions`,
      session.accessToken,
    );
    expect(decisions.body[0].outcome).toBe('assigned');
    expect(decisions.body[0].reason).toMatch(/무빙콜/);
    const user = await fx.db.query<{ role: string; password_hash: string | null }>(
      "SELECT role, password_hash FROM users WHERE phone = '01055551234'",
    );
    expect(user.rows[0]).toEqual({ role: 'rider', password_hash: null });
  });

  it('leaves no failed or retried dispatch job behind', async () => {
    const queue = stack.apps.api.get<Queue>(getQueueToken(QueueName.Dispatch), { strict: false });
    const failed = await queue.getFailed();
    expect(failed.map((j) => `${j.name}: ${j.failedReason}`)).toEqual([]);
    const completed = await queue.getCompleted();
    expect(
      completed.filter((j) => j.attemptsMade > 1).map((j) => `${j.name} retried: ${j.stacktrace?.[0] ?? ''}`),
    ).toEqual([]);
  });

  describe('refuses bad input with a stable code and writes nothing', () => {
    const base = () => ({
      pickupStopId: fx.stop('gd-oryu-stn'),
      dropoffStopId: fx.stop('gd-f-hanbit'),
      passengers: 1,
      timeMode: 'now',
    });
    const cases: Array<[string, () => unknown, number, string]> = [
      [
        'an unknown stop',
        () => ({ ...base(), pickupStopId: '00000000-0000-4000-8000-000000000000' }),
        422,
        'STOP_UNKNOWN',
      ],
      ['pickup = drop-off', () => ({ ...base(), dropoffStopId: base().pickupStopId }), 422, 'PICKUP_EQUALS_DROPOFF'],
      [
        'a place that is not a shuttle stop (other area)',
        () => ({ ...base(), dropoffStopId: '__freelug__' }),
        422,
        'STOP_UNKNOWN',
      ],
      [
        'a time in the past',
        () => ({ ...base(), timeMode: 'depart_at', at: new Date(Date.now() - 3_600_000).toISOString() }),
        422,
        'TIME_IN_PAST',
      ],
      [
        'a time past the horizon',
        () => ({ ...base(), timeMode: 'depart_at', at: new Date(Date.now() + 30 * 86_400_000).toISOString() }),
        422,
        'BEYOND_BOOKING_HORIZON',
      ],
      ['too many passengers', () => ({ ...base(), passengers: 12 }), 422, 'PASSENGERS_OUT_OF_RANGE'],
      ['zero passengers', () => ({ ...base(), passengers: 0 }), 400, 'VALIDATION_FAILED'],
      ['malformed JSON', () => '{"pickupStopId": ', 400, 'MALFORMED_JSON'],
    ];
    it.each(cases)('%s', async (_name, body, status, code) => {
      let payload = body();
      if (
        payload &&
        typeof payload === 'object' &&
        (payload as { dropoffStopId?: string }).dropoffStopId === '__freelug__'
      ) {
        const other = await fx.db.query<{ id: string }>("SELECT id FROM places WHERE code = 'icn-t1'");
        payload = { ...(payload as object), dropoffStopId: other.rows[0].id };
      }
      const before = await fx.db.query<{ n: string }>('SELECT count(*) AS n FROM rides');
      const res = await api<{ code: string }>(stack.apiUrl, 'POST', '/v1/rides', riderToken, payload);
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      const after = await fx.db.query<{ n: string }>('SELECT count(*) AS n FROM rides');
      expect(after.rows[0].n).toBe(before.rows[0].n);
    });

    it("a stop outside the rider's area", async () => {
      const other = await fx.db.query<{ id: string }>(
        `INSERT INTO service_areas (code, name_ko, name_en, kind, boundary, service_hours)
         VALUES ('other-park', '다른 산단', 'Other Park', 'shuttle', '{"type":"Polygon","coordinates":[]}', (SELECT service_hours FROM service_areas WHERE id = $1))
         RETURNING id`,
        [fx.areaId],
      );
      const stops = await fx.db.query<{ id: string }>(
        `INSERT INTO places (code, area_id, name_ko, name_en, kind, lat, lng, is_stop)
         VALUES ('op-a', $1, '가', 'A', 'park_gate', 37.5, 126.6, true), ('op-b', $1, '나', 'B', 'factory', 37.51, 126.61, true) RETURNING id`,
        [other.rows[0].id],
      );
      const res = await api<{ code: string }>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
        ...base(),
        pickupStopId: stops.rows[0].id,
        dropoffStopId: stops.rows[1].id,
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('STOP_OUTSIDE_AREA');
    });

    it('outside service hours', async () => {
      await fx.db.query(`UPDATE service_areas SET service_hours = '[]'::jsonb WHERE id = $1`, [fx.areaId]);
      try {
        const res = await api<{ code: string }>(stack.apiUrl, 'POST', '/v1/rides', riderToken, base());
        expect(res.status).toBe(422);
        expect(res.body.code).toBe('OUTSIDE_SERVICE_HOURS');
      } finally {
        const allWeek = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }));
        await fx.db.query(`UPDATE service_areas SET service_hours = $1::jsonb WHERE id = $2`, [
          JSON.stringify(allWeek),
          fx.areaId,
        ]);
      }
    });

    it('on a holiday the area closed (set in the admin API)', async () => {
      const admin = (await signIn(stack.apiUrl, adminAccount.email, adminAccount.password)).accessToken;
      const today = DateTime.now().setZone('Asia/Seoul').toISODate()!;
      const closed = await api(stack.apiUrl, 'PATCH', `/v1/admin/areas/${fx.areaId}`, admin, {
        holidays: [{ date: today, name: { ko: '임시 휴무', en: 'Closed today' } }],
      });
      expect(closed.status).toBe(200);
      try {
        const res = await api<{ code: string; details: { holiday?: { date: string } } }>(
          stack.apiUrl,
          'POST',
          '/v1/rides',
          riderToken,
          base(),
        );
        expect([res.status, res.body.code, res.body.details.holiday?.date]).toEqual([
          422,
          'OUTSIDE_SERVICE_HOURS',
          today,
        ]);
      } finally {
        await api(stack.apiUrl, 'PATCH', `/v1/admin/areas/${fx.areaId}`, admin, { holidays: [] });
      }
    });

    it('a driver acting on a ride that is not theirs', async () => {
      const other = (await signIn(stack.apiUrl, driver2.email, driver2.password)).accessToken;
      await api(stack.apiUrl, 'POST', '/v1/driver/shifts/start', other, {});
      const ride = await fx.db.query<{ id: string }>(
        "SELECT id FROM rides WHERE vehicle_id IS NOT NULL AND status = 'completed' LIMIT 1",
      );
      const res = await api<{ code: string }>(
        stack.apiUrl,
        'POST',
        `/v1/driver/rides/${ride.rows[0].id}/pickup`,
        other,
      );
      // Another van's ride reads as no ride at all (a 403 would tell that it exists).
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('RIDE_NOT_FOUND');
      await api(stack.apiUrl, 'POST', '/v1/driver/shifts/end', other);
    });
  });
});
