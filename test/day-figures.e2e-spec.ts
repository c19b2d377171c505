import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS, ServiceAreaEntity } from '@app/database';
import { Clock, Role, SystemClock } from '@app/domain';
import { api, openShuttleAroundTheClock, ShuttleFixture } from './support/shuttle-fixtures';
import { RunningStack, signIn, startStack } from './support/stack';
import { createTestContext, TestContext } from './support/test-context';

const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
const dispatcher = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;
const driver = DEMO_ACCOUNTS.find((a) => a.email.startsWith('driver1'))!;

interface Figures {
  areaId: string;
  date: string;
  timezone: string;
  from: string;
  to: string;
  shuttle: {
    served: number;
    rejected: number;
    cancelled: number;
    waitP50Min: number | null;
    waitP90Min: number | null;
    onTime: { onTime: number; of: number };
    utilisation: number | null;
  } | null;
  luggage: { delivered: number; failed: number; cancelled: number; onTime: { onTime: number; of: number } } | null;
}
interface ManifestStop {
  kind: 'pickup' | 'dropoff';
  rider: { rideId: string; status: string };
}

describe('GET /v1/dispatch/day-figures: the day of an area counted in the database', () => {
  let ctx: TestContext;
  let fx: ShuttleFixture;
  let stack: RunningStack;
  let riderToken: string;
  let driverToken: string;
  let dispatcherToken: string;
  let clocks: SystemClock[];
  let day: string;

  const figures = (query: string, token = dispatcherToken) =>
    api<Figures & { code?: string }>(stack.apiUrl, 'GET', `/v1/dispatch/day-figures?${query}`, token);
  const status = async (id: string) =>
    (await api<{ status: string }>(stack.apiUrl, 'GET', `/v1/rides/${id}`, riderToken)).body.status;
  const until = async (id: string, want: string) => {
    for (let n = 0; n < 100 && (await status(id)) !== want; n += 1) await new Promise((r) => setTimeout(r, 100));
    return status(id);
  };
  const book = async () => {
    const booked = await api<{ id: string }>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-oryu-stn'),
      dropoffStopId: fx.stop('gd-f-hanbit'),
      passengers: 1,
      timeMode: 'now',
    });
    expect(booked.status).toBe(202);
    return booked.body.id;
  };
  const moveClocks = (ms: number) => {
    const at = new Date(clocks[0].now().getTime() + ms);
    for (const c of clocks) c.setNow(at);
  };

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    fx = await openShuttleAroundTheClock(ctx);
    stack = await startStack(ctx);
    clocks = [stack.apps.api.get(Clock) as SystemClock, stack.apps.dispatcher.get(Clock) as SystemClock];
    riderToken = (await signIn(stack.apiUrl, rider.email, rider.password)).accessToken;
    driverToken = (await signIn(stack.apiUrl, driver.email, driver.password)).accessToken;
    dispatcherToken = (await signIn(stack.apiUrl, dispatcher.email, dispatcher.password)).accessToken;
    day = DateTime.now().setZone('Asia/Seoul').toISODate()!;
  });

  afterAll(async () => {
    await stack?.close();
    await fx?.close();
    await ctx?.dispose();
  });

  it('counts served, rejected and cancelled rides, waits, on-time pickups and van utilisation, whatever the board holds', async () => {
    expect((await api(stack.apiUrl, 'POST', '/v1/driver/shifts/start', driverToken, {})).status).toBe(200);
    const served = [await book(), await book()];
    for (const id of served) expect(await until(id, 'assigned')).toBe('assigned');
    const cancelled = await book();
    expect(await until(cancelled, 'assigned')).toBe('assigned');
    expect(
      (await api(stack.apiUrl, 'POST', `/v1/rides/${cancelled}/cancel`, riderToken, { reason: 'plans changed' }))
        .status,
    ).toBe(200);

    // The driver works the manifest in its order; the riders ride for ten minutes.
    let droppedOnce = false;
    for (let n = 0; n < 10; n += 1) {
      const manifest = await api<{ stops: ManifestStop[] }>(stack.apiUrl, 'GET', '/v1/driver/manifest', driverToken);
      const [stop] = manifest.body.stops;
      if (!stop) break;
      const id = stop.rider.rideId;
      if (stop.kind === 'pickup') {
        expect((await api(stack.apiUrl, 'POST', `/v1/driver/rides/${id}/arrive`, driverToken, {})).status).toBe(200);
        expect((await api(stack.apiUrl, 'POST', `/v1/driver/rides/${id}/pickup`, driverToken, {})).status).toBe(200);
      } else {
        if (!droppedOnce) moveClocks(10 * 60_000);
        droppedOnce = true;
        expect((await api(stack.apiUrl, 'POST', `/v1/driver/rides/${id}/dropoff`, driverToken, {})).status).toBe(200);
      }
    }
    for (const id of served) expect(await status(id)).toBe('completed');
    // Ten more minutes with nobody on board, then the shift ends; a ride asked for then finds no van.
    moveClocks(10 * 60_000);
    expect((await api(stack.apiUrl, 'POST', '/v1/driver/shifts/end', driverToken, {})).status).toBe(200);
    const rejected = await book();
    expect(await until(rejected, 'rejected')).toBe('rejected');

    // The board's list of current rides no longer holds the finished ones: the figures still count them.
    const current = await api<Array<{ id: string }>>(
      stack.apiUrl,
      'GET',
      `/v1/dispatch/rides?areaId=${fx.areaId}&scope=current`,
      dispatcherToken,
    );
    expect(current.body.filter((r) => served.includes(r.id))).toEqual([]);

    const res = await figures(`areaId=${fx.areaId}&date=${day}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ areaId: fx.areaId, date: day, timezone: 'Asia/Seoul', luggage: null });
    expect(DateTime.fromISO(res.body.from).setZone('Asia/Seoul').toFormat('yyyy-MM-dd HH:mm')).toBe(`${day} 00:00`);
    const shuttle = res.body.shuttle!;
    expect({
      served: shuttle.served,
      rejected: shuttle.rejected,
      cancelled: shuttle.cancelled,
      onTime: shuttle.onTime,
    }).toEqual({ served: 2, rejected: 1, cancelled: 1, onTime: { onTime: 2, of: 2 } });
    // Picked up moments after the request.
    expect(shuttle.waitP50Min).not.toBeNull();
    expect(shuttle.waitP50Min!).toBeGreaterThanOrEqual(0);
    expect(shuttle.waitP50Min!).toBeLessThan(5);
    expect(shuttle.waitP90Min!).toBeGreaterThanOrEqual(shuttle.waitP50Min!);
    // Riders on board 10 of the shift's 20 minutes.
    expect(shuttle.utilisation).toBeCloseTo(0.5, 1);
  });

  it('counts nothing on another day, answers a luggage area with its own figures, and refuses bad input and other roles', async () => {
    const yesterday = DateTime.fromISO(day).minus({ days: 1 }).toISODate()!;
    const before = await figures(`areaId=${fx.areaId}&date=${yesterday}`);
    expect(before.body.shuttle).toMatchObject({
      served: 0,
      rejected: 0,
      cancelled: 0,
      waitP50Min: null,
      onTime: { onTime: 0, of: 0 },
    });

    const freelug = await stack.apps.api
      .get(DataSource)
      .getRepository(ServiceAreaEntity)
      .findOneByOrFail({ code: 'freelug' });
    const luggage = await figures(`areaId=${freelug.id}&date=${day}`);
    expect(luggage.status).toBe(200);
    expect(luggage.body).toMatchObject({
      shuttle: null,
      luggage: { delivered: 0, failed: 0, cancelled: 0, onTime: { onTime: 0, of: 0 } },
    });

    const bad = await figures(`areaId=${fx.areaId}&date=03-12-2026`);
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const riderAsks = await figures(`areaId=${fx.areaId}`, riderToken);
    expect(riderAsks.status).toBe(403);
  });
});
