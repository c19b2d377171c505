import { Socket } from 'socket.io-client';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import type { RideStatusEvent } from '@app/realtime';
import { api, EventLog, openShuttleAroundTheClock, ShuttleFixture } from './support/shuttle-fixtures';
import { connectSocket, RunningStack, signIn, startStack } from './support/stack';
import { createTestContext, TestContext } from './support/test-context';

const account = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!;
const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
const dispatcher = account('dispatcher@demo.geomdan.kr');
const admin = account('admin@demo.geomdan.kr');
const DRIVER_OF_PLATE: Record<string, string> = {
  '인천 70바 1201': 'driver1@demo.geomdan.kr',
  '인천 70바 1202': 'driver2@demo.geomdan.kr',
  '인천 70바 1203': 'driver3@demo.geomdan.kr',
};

interface Ride {
  id: string;
  areaId: string;
  status: string;
  version: number;
  passengers: number;
  vehicle: { id: string; label: string; plate: string } | null;
  promisedPickup: { from: string; to: string } | null;
  times: {
    requestedAt: string;
    assignedAt: string | null;
    arrivedAt: string | null;
    pickedUpAt: string | null;
    droppedOffAt: string | null;
  };
  history?: { status: string; at: string }[];
}
interface Preview {
  feasible: boolean;
  code: string | null;
  costDelta: number | null;
  reason: string;
  fromVehicleId: string | null;
  toVehicleId: string;
  affected: {
    rideId: string;
    vehicleId: string;
    pickupEtaChangeS: number | null;
    dropoffEtaChangeS: number | null;
    etaChangeS: number;
    delayS: number;
  }[];
  planVersions: Record<string, number>;
}
interface Problem {
  code: string;
  details?: Record<string, unknown>;
}
interface PlanRow {
  vehicle_id: string;
  version: number;
  stops: { taskId: string; kind: string; serviceStart: string; loadAfter: number[] }[];
}

describe('dispatch board: area ride list, moving a ride between vans with a preview, field times, vans off service', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  let fx: ShuttleFixture;
  let riderToken: string;
  let dispatcherToken: string;
  let adminToken: string;
  let socket: Socket;
  let rideLog: EventLog<RideStatusEvent>;
  let manifestLog: EventLog<{ vehicleId: string; version: number; stops: { rideId: string }[] }>;
  let decisionLog: EventLog<{ rideId: string; outcome: string; vehicleId: string | null; reason: string }>;
  const driverTokens = new Map<string, string>();
  let vanByPlate: Map<string, string>;

  const driverOf = (plate: string) => driverTokens.get(DRIVER_OF_PLATE[plate])!;
  const startShift = async (email: string) => {
    const token = (await signIn(stack.apiUrl, email, 'staff-demo-1234')).accessToken;
    driverTokens.set(email, token);
    expect((await api(stack.apiUrl, 'POST', '/v1/driver/shifts/start', token, {})).status).toBe(200);
  };
  const book = async (body: Record<string, unknown>): Promise<RideStatusEvent> => {
    const res = await api<{ id: string }>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-oryu-stn'),
      dropoffStopId: fx.stop('gd-f-hanbit'),
      timeMode: 'now',
      passengers: 1,
      ...body,
    });
    expect(res.status).toBe(202);
    return rideLog.waitFor(
      (e) => e.rideId === res.body.id && (e.status === 'assigned' || e.status === 'rejected'),
      10_000,
      `decision on ${res.body.id}`,
    );
  };
  const plans = async () =>
    new Map(
      (await fx.db.query<PlanRow>('SELECT vehicle_id, version, stops FROM vehicle_plans')).rows.map((r) => [
        r.vehicle_id,
        r,
      ]),
    );
  /** Everything a move could write, to show that a preview or a refused move wrote nothing. */
  const writable = async () => ({
    plans: [...(await plans()).values()].sort((a, b) => a.vehicle_id.localeCompare(b.vehicle_id)),
    rides: (
      await fx.db.query(
        'SELECT id, status, version, vehicle_id, promised_pickup_from, promised_pickup_to, eta_pickup_at FROM rides ORDER BY id',
      )
    ).rows,
    events: Number((await fx.db.query<{ n: string }>('SELECT count(*) AS n FROM ride_events')).rows[0].n),
    decisions: Number((await fx.db.query<{ n: string }>('SELECT count(*) AS n FROM dispatch_decisions')).rows[0].n),
  });
  const preview = (rideId: string, vehicleId: string, token = dispatcherToken) =>
    api<Preview & Problem>(stack.apiUrl, 'POST', `/v1/dispatch/rides/${rideId}/move-preview`, token, { vehicleId });
  const move = (rideId: string, vehicleId: string, token = dispatcherToken, planVersions?: Record<string, number>) =>
    api<Ride & Problem>(stack.apiUrl, 'POST', `/v1/dispatch/rides/${rideId}/move`, token, {
      vehicleId,
      ...(planVersions ? { planVersions } : {}),
    });
  const getRide = async (id: string) => (await api<Ride>(stack.apiUrl, 'GET', `/v1/rides/${id}`, dispatcherToken)).body;

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    fx = await openShuttleAroundTheClock(ctx);
    stack = await startStack(ctx);
    vanByPlate = new Map(fx.vans.map((v) => [v.plate, v.id]));
    riderToken = (await signIn(stack.apiUrl, rider.email, rider.password)).accessToken;
    dispatcherToken = (await signIn(stack.apiUrl, dispatcher.email, dispatcher.password)).accessToken;
    adminToken = (await signIn(stack.apiUrl, admin.email, admin.password)).accessToken;
    // Two standard vans on shift; the wheelchair van (1203) stays in the depot for now.
    await startShift('driver1@demo.geomdan.kr');
    await startShift('driver2@demo.geomdan.kr');
    socket = await connectSocket(stack.gatewayUrl, dispatcherToken);
    rideLog = new EventLog(socket, 'ride.status');
    manifestLog = new EventLog(socket, 'manifest.updated');
    decisionLog = new EventLog(socket, 'dispatch.decision');
  });

  afterAll(async () => {
    socket?.close();
    await stack?.close();
    await fx?.close();
    await ctx?.dispose();
  });

  let rideA: RideStatusEvent;
  let rideB: RideStatusEvent;

  it('lists the rides of an area for the board, newest first, as the same records as one ride', async () => {
    rideA = await book({ passengers: 2 });
    rideB = await book({ passengers: 1, pickupStopId: fx.stop('gd-ibk'), dropoffStopId: fx.stop('gd-f-seohae') });
    expect([rideA.status, rideB.status]).toEqual(['assigned', 'assigned']);

    const current = await api<Ride[]>(
      stack.apiUrl,
      'GET',
      `/v1/dispatch/rides?areaId=${fx.areaId}&scope=current`,
      dispatcherToken,
    );
    expect(current.status).toBe(200);
    expect(current.body.map((r) => r.id)).toEqual([rideB.rideId, rideA.rideId]);
    expect(current.body[1]).toEqual(await getRide(rideA.rideId));
    expect(current.body[1].history!.map((h) => h.status)).toEqual(['requested', 'assigned']);

    const past = await api<Ride[]>(
      stack.apiUrl,
      'GET',
      `/v1/dispatch/rides?areaId=${fx.areaId}&scope=past`,
      dispatcherToken,
    );
    expect(past.body.map((r) => r.id)).not.toContain(rideA.rideId);
    const firstPage = await api<Ride[]>(
      stack.apiUrl,
      'GET',
      `/v1/dispatch/rides?areaId=${fx.areaId}&limit=1`,
      dispatcherToken,
    );
    expect(firstPage.body.map((r) => r.id)).toEqual([rideB.rideId]);
    const nextPage = await api<Ride[]>(
      stack.apiUrl,
      'GET',
      `/v1/dispatch/rides?areaId=${fx.areaId}&limit=1&before=${encodeURIComponent(firstPage.body[0].times.requestedAt)}`,
      dispatcherToken,
    );
    expect(nextPage.body.map((r) => r.id)).toEqual([rideA.rideId]);
    expect((await api(stack.apiUrl, 'GET', `/v1/dispatch/rides?areaId=${fx.areaId}`, adminToken)).status).toBe(200);

    // Riders and drivers have no board; a missing or malformed area is a validation error.
    expect((await api(stack.apiUrl, 'GET', `/v1/dispatch/rides?areaId=${fx.areaId}`, riderToken)).status).toBe(403);
    expect(
      (await api(stack.apiUrl, 'GET', `/v1/dispatch/rides?areaId=${fx.areaId}`, driverOf('인천 70바 1201'))).status,
    ).toBe(403);
    expect((await api<Problem>(stack.apiUrl, 'GET', '/v1/dispatch/rides?scope=current', dispatcherToken)).status).toBe(
      400,
    );
    expect(
      (await api<Problem>(stack.apiUrl, 'GET', `/v1/dispatch/rides?areaId=${fx.areaId}&scope=later`, dispatcherToken))
        .status,
    ).toBe(400);
  });

  it('previews a move with its cost to the others, and the preview writes nothing', async () => {
    const from = rideA.vehicle!.id;
    const to = fx.vans.find((v) => v.id !== from && v.plate !== '인천 70바 1203')!.id;
    const before = await writable();
    const res = await preview(rideA.rideId, to);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ feasible: true, code: null, fromVehicleId: from, toVehicleId: to });
    expect(typeof res.body.costDelta).toBe('number');
    expect(res.body.reason).toMatch(/^from 무빙콜 \d호 to 무빙콜 \d호: /);
    expect(Array.isArray(res.body.affected)).toBe(true);
    for (const a of res.body.affected) {
      // Only other riders of the two vans, each with how much later (never negative) it gets.
      expect(a.rideId).not.toBe(rideA.rideId);
      expect([from, to]).toContain(a.vehicleId);
      expect(a.delayS).toBe(Math.max(0, a.pickupEtaChangeS ?? 0, a.dropoffEtaChangeS ?? 0));
    }
    expect(res.body.planVersions[from]).toBe(before.plans.find((p) => p.vehicle_id === from)!.version);
    expect(await writable()).toEqual(before);

    // Stable refusals: the same van, a van not on shift, a van that does not exist.
    expect((await preview(rideA.rideId, from)).body.code).toBe('MOVE_SAME_VEHICLE');
    const offShift = await preview(rideA.rideId, vanByPlate.get('인천 70바 1203')!);
    expect([offShift.status, offShift.body.code]).toEqual([409, 'VEHICLE_NOT_AVAILABLE']);
    const unknown = await preview(rideA.rideId, '00000000-0000-4000-8000-000000000000');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'VEHICLE_NOT_FOUND']);
    expect(
      (
        await api(stack.apiUrl, 'POST', `/v1/dispatch/rides/${rideA.rideId}/move-preview`, dispatcherToken, {
          vehicleId: 'van-1',
        })
      ).status,
    ).toBe(400);
    expect((await preview(rideA.rideId, to, riderToken)).status).toBe(403);
    expect(await writable()).toEqual(before);
  });

  it('moves the ride: both plans change under version checks, every promise holds, and everyone hears of it', async () => {
    const from = rideA.vehicle!.id;
    const to = fx.vans.find((v) => v.id !== from && v.plate !== '인천 70바 1203')!;
    const before = await plans();
    const decisionsBefore = Number(
      (
        await fx.db.query<{ n: string }>('SELECT count(*) AS n FROM dispatch_decisions WHERE ride_id = $1', [
          rideA.rideId,
        ])
      ).rows[0].n,
    );

    // Confirming a preview whose plans have changed since is refused, and writes nothing.
    const shown = (await preview(rideA.rideId, to.id)).body;
    const untouched = await writable();
    const stale = await move(rideA.rideId, to.id, dispatcherToken, {
      ...shown.planVersions,
      [to.id]: shown.planVersions[to.id] - 1,
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'PLAN_CHANGED']);
    expect((await move(rideA.rideId, to.id, dispatcherToken, { 'not-a-van': 1 })).status).toBe(400);
    expect(await writable()).toEqual(untouched);

    const res = await move(rideA.rideId, to.id, dispatcherToken, shown.planVersions);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('assigned');
    expect(res.body.vehicle!.id).toBe(to.id);
    // The promise made to the rider is kept as it was.
    expect(res.body.promisedPickup).toEqual(rideA.promisedPickup);

    const after = await plans();
    expect(after.get(from)!.version).toBe(before.get(from)!.version + 1);
    expect(after.get(to.id)!.version).toBe(before.get(to.id)!.version + 1);
    expect(after.get(from)!.stops.some((s) => s.taskId === rideA.rideId)).toBe(false);
    expect(
      after
        .get(to.id)!
        .stops.filter((s) => s.taskId === rideA.rideId)
        .map((s) => s.kind),
    ).toEqual(['pickup', 'dropoff']);
    // Seats and every rider's promised window hold on both vans.
    for (const vanId of [from, to.id]) {
      const seats = fx.vans.find((v) => v.id === vanId)!.seats;
      for (const stop of after.get(vanId)!.stops) {
        expect(stop.loadAfter[0]).toBeLessThanOrEqual(seats);
        if (stop.kind !== 'pickup') continue;
        const row = (
          await fx.db.query<{ promised_pickup_from: Date; promised_pickup_to: Date; vehicle_id: string }>(
            'SELECT promised_pickup_from, promised_pickup_to, vehicle_id FROM rides WHERE id = $1',
            [stop.taskId],
          )
        ).rows[0];
        expect(row.vehicle_id).toBe(vanId);
        expect(Date.parse(stop.serviceStart)).toBeGreaterThanOrEqual(row.promised_pickup_from.getTime() - 1000);
        expect(Date.parse(stop.serviceStart)).toBeLessThanOrEqual(row.promised_pickup_to.getTime() + 1000);
      }
    }

    // What the preview said it would cost the others is what the new plans show (to a few seconds).
    const dropoffAt = (plan: PlanRow | undefined, rideId: string) =>
      plan?.stops.find((st) => st.taskId === rideId && st.kind === 'dropoff')?.serviceStart;
    for (const vanId of [from, to.id]) {
      for (const stop of after.get(vanId)!.stops) {
        const was = dropoffAt(before.get(vanId), stop.taskId);
        if (stop.kind !== 'dropoff' || stop.taskId === rideA.rideId || !was) continue;
        const change = (Date.parse(stop.serviceStart) - Date.parse(was)) / 1000;
        const listed = shown.affected.find((a) => a.rideId === stop.taskId);
        if (Math.abs(change) >= 35) expect(listed).toBeDefined();
        if (listed) expect(Math.abs(listed.etaChangeS - change)).toBeLessThanOrEqual(5);
      }
    }

    const decisions = await fx.db.query<{
      outcome: string;
      vehicle_id: string;
      reason: string;
      cost_delta: number | null;
    }>(
      'SELECT outcome, vehicle_id, reason, cost_delta FROM dispatch_decisions WHERE ride_id = $1 ORDER BY created_at',
      [rideA.rideId],
    );
    expect(decisions.rows).toHaveLength(decisionsBefore + 1);
    expect(decisions.rows.at(-1)).toMatchObject({ outcome: 'moved', vehicle_id: to.id });
    expect(decisions.rows.at(-1)!.reason).toMatch(/^moved by dispatcher 배차 담당 김하늘 from 무빙콜 \d호 to /);
    const dispatcherId = (
      await fx.db.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [dispatcher.email])
    ).rows[0].id;
    const lastEvent = await fx.db.query<{ status: string; actor: string }>(
      'SELECT status, actor FROM ride_events WHERE ride_id = $1 ORDER BY id DESC LIMIT 1',
      [rideA.rideId],
    );
    expect(lastEvent.rows[0]).toEqual({ status: 'assigned', actor: dispatcherId });

    // Live: the ride, both vans' manifests and the decision.
    await rideLog.waitFor((e) => e.rideId === rideA.rideId && e.vehicle?.id === to.id, 10_000, 'moved ride.status');
    await manifestLog.waitFor(
      (e) => e.vehicleId === from && e.version === after.get(from)!.version,
      10_000,
      'old van manifest',
    );
    await manifestLog.waitFor(
      (e) =>
        e.vehicleId === to.id &&
        e.version === after.get(to.id)!.version &&
        e.stops.some((s) => s.rideId === rideA.rideId),
      10_000,
      'new van manifest',
    );
    await decisionLog.waitFor((e) => e.rideId === rideA.rideId && e.outcome === 'moved', 10_000, 'decision');
    // The new van's driver has it on the manifest; the old one no longer does.
    const manifest = await api<{ stops: { rider: { rideId: string } }[] }>(
      stack.apiUrl,
      'GET',
      '/v1/driver/manifest',
      driverOf(to.plate),
    );
    expect(manifest.body.stops.some((s) => s.rider.rideId === rideA.rideId)).toBe(true);
    const oldPlate = fx.vans.find((v) => v.id === from)!.plate;
    const oldManifest = await api<{ stops: { rider: { rideId: string } }[] }>(
      stack.apiUrl,
      'GET',
      '/v1/driver/manifest',
      driverOf(oldPlate),
    );
    expect(oldManifest.body.stops.some((s) => s.rider.rideId === rideA.rideId)).toBe(false);
    rideA = { ...rideA, vehicle: res.body.vehicle };
  });

  it('assigns a rejected request to a van by hand once a suitable van is on shift', async () => {
    const wheelchair = await book({ passengers: 1, needs: ['wheelchair'] });
    expect(wheelchair.status).toBe('rejected');
    const van3 = vanByPlate.get('인천 70바 1203')!;
    expect((await preview(wheelchair.rideId, van3)).body.code).toBe('VEHICLE_NOT_AVAILABLE');
    await startShift('driver3@demo.geomdan.kr');
    const check = await preview(wheelchair.rideId, van3);
    expect(check.body).toMatchObject({ feasible: true, fromVehicleId: null });
    const res = await move(wheelchair.rideId, van3);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'assigned', rejection: null });
    expect(res.body.vehicle!.id).toBe(van3);
    expect(res.body.promisedPickup).not.toBeNull();
    const decision = await fx.db.query<{ outcome: string; reason: string }>(
      'SELECT outcome, reason FROM dispatch_decisions WHERE ride_id = $1 ORDER BY created_at DESC LIMIT 1',
      [wheelchair.rideId],
    );
    expect(decision.rows[0].outcome).toBe('moved');
    expect(decision.rows[0].reason).toMatch(/^assigned by dispatcher 배차 담당 김하늘 to 무빙콜 3호/);
    const plan = (await plans()).get(van3)!;
    expect(plan.stops.filter((s) => s.taskId === wheelchair.rideId)).toHaveLength(2);
  });

  it('refuses an infeasible move with the engine reason and writes nothing', async () => {
    // Nine riders do not fit in the seven-seat van.
    const party = await book({
      passengers: 9,
      pickupStopId: fx.stop('gd-north-gate'),
      dropoffStopId: fx.stop('gd-f-logistics'),
    });
    expect(party.status).toBe('assigned');
    const van3 = vanByPlate.get('인천 70바 1203')!;
    const before = await writable();
    const check = await preview(party.rideId, van3);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ feasible: false, code: 'NO_VEHICLE_CAPACITY', costDelta: null, affected: [] });
    const refused = await move(party.rideId, van3);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('MOVE_INFEASIBLE');
    expect(refused.body.details).toMatchObject({ code: 'NO_VEHICLE_CAPACITY' });
    expect(await writable()).toEqual(before);
  });

  it('records driver actions at the time they really happened, within the allowed range', async () => {
    const driver = driverOf(rideA.vehicle!.plate);
    const path = (step: string) => `/v1/driver/rides/${rideA.rideId}/${step}`;
    const assignedAt = (
      await fx.db.query<{ occurred_at: Date }>(
        `SELECT occurred_at FROM ride_events WHERE ride_id = $1 ORDER BY occurred_at DESC LIMIT 1`,
        [rideA.rideId],
      )
    ).rows[0].occurred_at;
    await new Promise((r) => setTimeout(r, 1200));

    const future = await api<Problem>(stack.apiUrl, 'POST', path('arrive'), driver, {
      occurredAt: new Date(Date.now() + 10 * 60_000).toISOString(),
    });
    expect([future.status, future.body.code]).toEqual([422, 'OCCURRED_AT_IN_FUTURE']);
    expect((await api<Problem>(stack.apiUrl, 'POST', path('arrive'), driver, { occurredAt: 'yesterday' })).status).toBe(
      400,
    );
    expect((await getRide(rideA.rideId)).status).toBe('assigned');

    // Pressed offline on a phone whose clock runs a minute slow, sent now: the phone could not
    // have acted before it was told of the ride, so the arrival is recorded at the assignment.
    const sentAt = Date.now();
    const arrived = await api<Ride>(stack.apiUrl, 'POST', path('arrive'), driver, {
      occurredAt: new Date(assignedAt.getTime() - 60_000).toISOString(),
    });
    expect(arrived.status).toBe(200);
    const arrivedAt = assignedAt;
    expect(arrived.body.times.arrivedAt).toBe(arrivedAt.toISOString());
    // The rider learnt of the arrival only now: the whole wait (3 min in the demo area) runs from here.
    const early = await api<Problem>(stack.apiUrl, 'POST', path('no-show'), driver, {});
    expect([early.status, early.body.code]).toEqual([409, 'NO_SHOW_TOO_EARLY']);
    expect(Date.parse((early.body.details as { allowedAt: string }).allowedAt)).toBeGreaterThanOrEqual(
      sentAt + 3 * 60_000,
    );
    // Before the driver's own previous step: refused (one phone's clock does not run backwards).
    const before = await api<Problem>(stack.apiUrl, 'POST', path('pickup'), driver, {
      occurredAt: new Date(arrivedAt.getTime() - 1).toISOString(),
    });
    expect([before.status, before.body.code]).toEqual([422, 'OCCURRED_AT_TOO_EARLY']);
    const pickedUpAt = new Date(arrivedAt.getTime() + 300);
    const onBoard = await api<Ride>(stack.apiUrl, 'POST', path('pickup'), driver, {
      occurredAt: pickedUpAt.toISOString(),
    });
    expect(onBoard.status).toBe(200);
    expect(onBoard.body.times.pickedUpAt).toBe(pickedUpAt.toISOString());
    const history = (await getRide(rideA.rideId)).history!;
    expect(history.find((h) => h.status === 'arrived')!.at).toBe(arrivedAt.toISOString());
    expect(history.find((h) => h.status === 'on_board')!.at).toBe(pickedUpAt.toISOString());

    // A rider on board stays with the van; a finished ride cannot move.
    const other = fx.vans.find((v) => v.id !== rideA.vehicle!.id && v.plate !== '인천 70바 1203')!.id;
    const onBoardMove = await move(rideA.rideId, other);
    expect([onBoardMove.status, onBoardMove.body.code]).toEqual([409, 'RIDE_ALREADY_ON_BOARD']);
    // Without a time, now is recorded.
    const t0 = Date.now();
    const done = await api<Ride>(stack.apiUrl, 'POST', path('dropoff'), driver, {});
    expect(done.status).toBe(200);
    expect(Date.parse(done.body.times.droppedOffAt!)).toBeGreaterThanOrEqual(t0 - 1000);
    const finished = await preview(rideA.rideId, other);
    expect([finished.status, finished.body.code]).toEqual([409, 'RIDE_FINISHED']);
  });

  it('lets a dispatcher take a van of their own area off service and back, with the audit naming them', async () => {
    const van = vanByPlate.get('인천 70바 1203')!;
    const off = await api<{ vehicle: { inService: boolean } }>(
      stack.apiUrl,
      'POST',
      `/v1/admin/vehicles/${van}/out-of-service`,
      dispatcherToken,
      { reason: 'flat tyre, from the board' },
    );
    expect(off.status).toBe(200);
    expect(off.body.vehicle.inService).toBe(false);
    const dispatcherId = (
      await fx.db.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [dispatcher.email])
    ).rows[0].id;
    const audit = await fx.db.query<{ actor_user_id: string; action: string }>(
      `SELECT actor_user_id, action FROM audit_log WHERE entity_id = $1 ORDER BY id`,
      [van],
    );
    expect(audit.rows.at(-1)).toEqual({ actor_user_id: dispatcherId, action: 'vehicle.out_of_service' });
    // Its riders not yet picked up are re-planned (moved or told why not).
    const back = await api<{ inService: boolean }>(
      stack.apiUrl,
      'POST',
      `/v1/admin/vehicles/${van}/in-service`,
      dispatcherToken,
      {},
    );
    expect(back.status).toBe(200);
    expect(back.body.inService).toBe(true);
    // Other admin writes stay admin-only.
    expect(
      (await api(stack.apiUrl, 'PATCH', `/v1/admin/vehicles/${van}`, dispatcherToken, { label: 'renamed' })).status,
    ).toBe(403);
  });

  it('keeps a dispatcher to their own areas: list, preview, move and vans of other areas are refused (or read as missing)', async () => {
    const freelug = (await fx.db.query<{ id: string }>(`SELECT id FROM service_areas WHERE code = 'freelug'`)).rows[0]
      .id;
    const dispatcherId = (
      await fx.db.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [dispatcher.email])
    ).rows[0].id;
    await fx.db.query(`DELETE FROM user_areas WHERE user_id = $1 AND area_id <> $2`, [dispatcherId, freelug]);
    const scoped = (await signIn(stack.apiUrl, dispatcher.email, dispatcher.password)).accessToken;
    const list = await api<Problem>(
      stack.apiUrl,
      'GET',
      `/v1/dispatch/rides?areaId=${fx.areaId}&scope=current`,
      scoped,
    );
    expect([list.status, list.body.code]).toEqual([403, 'AREA_FORBIDDEN']);
    const van = vanByPlate.get('인천 70바 1202')!;
    const before = await writable();
    const p = await preview(rideB.rideId, van, scoped);
    // Another area's ride and van read as missing ones (a 403 would tell that they exist).
    expect([p.status, p.body.code]).toEqual([404, 'RIDE_NOT_FOUND']);
    const m = await move(rideB.rideId, van, scoped);
    expect([m.status, m.body.code]).toEqual([404, 'RIDE_NOT_FOUND']);
    const off = await api<Problem>(stack.apiUrl, 'POST', `/v1/admin/vehicles/${van}/out-of-service`, scoped, {
      reason: 'not mine',
    });
    expect([off.status, off.body.code]).toEqual([404, 'VEHICLE_NOT_FOUND']);
    expect(await writable()).toEqual(before);
    expect(
      (await fx.db.query<{ in_service: boolean }>('SELECT in_service FROM vehicles WHERE id = $1', [van])).rows[0]
        .in_service,
    ).toBe(true);
  });
});
