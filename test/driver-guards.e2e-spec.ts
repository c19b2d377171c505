import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { api, openShuttleAroundTheClock, ShuttleFixture } from './support/shuttle-fixtures';
import { RunningStack, signIn, startStack } from './support/stack';
import { createTestContext, TestContext } from './support/test-context';

/** Guards on the driver's side that keep riders and the live map safe from phone mistakes. */
const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
const driver = DEMO_ACCOUNTS.find((a) => a.email.startsWith('driver1'))!;

describe('driver guards', () => {
  let ctx: TestContext;
  let fx: ShuttleFixture;
  let stack: RunningStack;
  let riderToken: string;
  let driverToken: string;

  /** The rider books a ride now (Oryu station → Hanbit) and waits until the dispatcher assigns it. */
  const bookAssignedRide = async (): Promise<string> => {
    const booked = await api<{ id: string }>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-oryu-stn'),
      dropoffStopId: fx.stop('gd-f-hanbit'),
      passengers: 1,
      timeMode: 'now',
    });
    const rideId = booked.body.id;
    let status = '';
    for (let i = 0; i < 50 && status !== 'assigned'; i += 1) {
      status = (await api<{ status: string }>(stack.apiUrl, 'GET', `/v1/rides/${rideId}`, riderToken)).body.status;
      if (status !== 'assigned') await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe('assigned');
    return rideId;
  };

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    fx = await openShuttleAroundTheClock(ctx);
    stack = await startStack(ctx);
    riderToken = (await signIn(stack.apiUrl, rider.email, rider.password)).accessToken;
    driverToken = (await signIn(stack.apiUrl, driver.email, driver.password)).accessToken;
    expect((await api(stack.apiUrl, 'POST', '/v1/driver/shifts/start', driverToken, {})).status).toBe(200);
  });

  afterAll(async () => {
    await stack?.close();
    await fx?.close();
    await ctx?.dispose();
  });

  it('serialises 20 concurrent arrivals on one ride: one is recorded, none is refused as "too early"', async () => {
    const rideId = await bookAssignedRide();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        api<{ code?: string }>(stack.apiUrl, 'POST', `/v1/driver/rides/${rideId}/arrive`, driverToken, {}),
      ),
    );
    const outcomes = answers.map((a) => (a.status === 200 ? '200' : `${a.status} ${a.body.code}`));
    expect(outcomes.filter((o) => o === '200')).toHaveLength(1);
    expect(outcomes.filter((o) => o.includes('OCCURRED_AT'))).toEqual([]);
    const events = await fx.db.query<{ status: string }>(
      `SELECT status FROM ride_events WHERE ride_id = $1 AND status = 'arrived'`,
      [rideId],
    );
    expect(events.rows).toHaveLength(1);
    expect((await api(stack.apiUrl, 'POST', `/v1/driver/rides/${rideId}/pickup`, driverToken, {})).status).toBe(200);
    expect((await api(stack.apiUrl, 'POST', `/v1/driver/rides/${rideId}/dropoff`, driverToken, {})).status).toBe(200);
  });

  it('refuses to end a shift while a rider is on board, and allows it once they are dropped off', async () => {
    const rideId = await bookAssignedRide();
    expect((await api(stack.apiUrl, 'POST', `/v1/driver/rides/${rideId}/arrive`, driverToken, {})).status).toBe(200);
    expect((await api(stack.apiUrl, 'POST', `/v1/driver/rides/${rideId}/pickup`, driverToken, {})).status).toBe(200);

    const refused = await api<{ code: string }>(stack.apiUrl, 'POST', '/v1/driver/shifts/end', driverToken, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('RIDES_ON_BOARD');
    expect((await api<{ status: string }>(stack.apiUrl, 'GET', `/v1/rides/${rideId}`, riderToken)).body.status).toBe(
      'on_board',
    );

    expect((await api(stack.apiUrl, 'POST', `/v1/driver/rides/${rideId}/dropoff`, driverToken, {})).status).toBe(200);
    expect((await api(stack.apiUrl, 'POST', '/v1/driver/shifts/end', driverToken, {})).status).toBe(200);
  });

  it('refuses a position dated ahead of the server, which would freeze the van on every map', async () => {
    const token = (await signIn(stack.apiUrl, 'driver2@demo.geomdan.kr', 'staff-demo-1234')).accessToken;
    expect((await api(stack.apiUrl, 'POST', '/v1/driver/shifts/start', token, {})).status).toBe(200);
    const future = new Date(Date.now() + 24 * 3600_000).toISOString();
    const refused = await api<{ code: string }>(stack.apiUrl, 'POST', '/v1/driver/location', token, {
      lat: 37.6,
      lng: 126.64,
      at: future,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('LOCATION_IN_FUTURE');
    const now = await api(stack.apiUrl, 'POST', '/v1/driver/location', token, {
      lat: 37.6,
      lng: 126.64,
      at: new Date().toISOString(),
    });
    expect(now.status).toBe(204);
  });
});
