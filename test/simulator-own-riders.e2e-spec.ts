import { Client } from 'pg';
import { DEMO_ACCOUNTS, DEMO_PLACES } from '@app/database';
import { Role } from '@app/domain';
import { GEOMDAN_DAY } from '@app/simulation';
import { ApiClient } from '../apps/simulator/src/client';
import { DriverAgent } from '../apps/simulator/src/driver-agent';
import { SimulatorHandle, startSimulator } from '../apps/simulator/src/main';
import { prepareSimShuttleArea, prepareSimStaff } from '../apps/simulator/src/sim-accounts';
import { World } from '../apps/simulator/src/world';
import { RunningStack, signIn, startStack } from './support/stack';
import { createTestContext, TestContext } from './support/test-context';

const adminAccount = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;
const driver1 = DEMO_ACCOUNTS.find((a) => a.email === 'driver1@demo.geomdan.kr')!;
const demoRider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
const ALL_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '23:59' }));

/**
 * Issue 12, defect 6 (shuttle side): with the simulator running, a person who signs in as demo
 * driver1 and starts a shift in the demo area must not be handed simulated riders, and the demo
 * rider's pages must show none of them. The simulator's riders, drivers and vans work in an area of
 * its own (marked settings.simulation), as its Free-Lug travellers and couriers already do.
 */
describe('live simulator: simulated shuttle riders book in its own area only', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  let sim: SimulatorHandle | undefined;
  let person: DriverAgent | undefined;
  let ticking: NodeJS.Timeout | undefined;
  let db: Client;
  const lines: string[] = [];

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    stack = await startStack(ctx);
    db = new Client({ connectionString: ctx.config.database.url });
    await db.connect();
  });

  afterAll(async () => {
    if (ticking) clearInterval(ticking);
    person?.close();
    await sim?.stop();
    await db?.end();
    await stack?.close();
    await ctx?.dispose();
  });

  it('never assigns a simulated ride to demo driver1 on shift in geomdan, and the demo rider sees none', async () => {
    // The demo area open now and driver1's seeded shift moved to cover now, whatever the hour.
    const admin = new ApiClient(stack.apiUrl, { email: adminAccount.email, password: adminAccount.password });
    await admin.signIn();
    const geomdan = (await db.query<{ id: string }>(`SELECT id FROM service_areas WHERE code = 'geomdan'`)).rows[0];
    await admin.request('PATCH', `/v1/admin/areas/${geomdan.id}`, { serviceHours: ALL_DAY, holidays: [] });
    const seeded = (
      await db.query<{ id: string; vehicle_id: string }>(
        `SELECT s.id, s.vehicle_id FROM shifts s JOIN staff st ON st.id = s.staff_id JOIN users u ON u.id = st.user_id WHERE u.email = $1`,
        [driver1.email],
      )
    ).rows[0];
    const now = Date.now();
    await admin.request('PATCH', `/v1/admin/shifts/${seeded.id}`, {
      plannedStart: new Date(now - 60_000).toISOString(),
      plannedEnd: new Date(now + 3 * 3_600_000).toISOString(),
    });

    // Driver1 signs in, starts the shift and goes online at the depot, as the person would.
    const depot = DEMO_PLACES.find((p) => p.code === GEOMDAN_DAY.fleet.depot)!;
    person = new DriverAgent(
      new ApiClient(stack.apiUrl, { email: driver1.email, password: driver1.password }),
      new World(),
      {
        gatewayUrl: stack.gatewayUrl,
        start: { lat: depot.lat, lng: depot.lng },
        roadFactor: ctx.config.travel.roadFactor,
        dwellS: 1,
        positionEveryMs: 3000,
        say: (line) => lines.push(line),
      },
    );
    await person.client.signIn();
    expect(await person.startShift()).toBe(true);
    ticking = setInterval(() => void person?.tick(), 1000);

    // A burst of simulated calls.
    sim = await startSimulator({
      apiUrl: stack.apiUrl,
      gatewayUrl: stack.gatewayUrl,
      speed: 60,
      roadFactor: ctx.config.travel.roadFactor,
      params: { ...GEOMDAN_DAY, noShowShare: 0, cancelShare: 0, live: { callsPerRealHour: 3600, riders: 6 } },
      seed: 7,
      dwellS: 1,
      driveSpeedFactor: 40,
      luggage: false,
      say: (line) => lines.push(line),
    });
    const world = sim.world;
    const bookedBy = Date.now() + 60_000;
    while (world.tally.booked < 6 && Date.now() < bookedBy) await new Promise((r) => setTimeout(r, 250));
    if (world.tally.booked < 6)
      throw new Error(`fewer than 6 simulated bookings within 60 s: ${world.summary()}\n${lines.join('\n')}`);

    // Wait (bounded) until the dispatcher has decided every simulated ride.
    type Row = {
      id: string;
      status: string;
      vehicle_id: string | null;
      area: string;
      simulation: string | null;
      pickup: string;
    };
    let rows: Row[] = [];
    for (let k = 0; k < 120; k++) {
      rows = (
        await db.query<Row>(
          `SELECT r.id, r.status, r.vehicle_id, a.code AS area, a.settings->>'simulation' AS simulation, r.pickup_place_id AS pickup
             FROM rides r JOIN users u ON u.id = r.rider_user_id JOIN service_areas a ON a.id = r.area_id WHERE u.email LIKE 'sim-%'`,
        )
      ).rows;
      if (rows.length >= 6 && rows.every((r) => r.status !== 'requested')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    if (!rows.some((r) => r.vehicle_id))
      throw new Error(`no simulated ride was assigned: ${JSON.stringify(rows)}\n${lines.join('\n')}`);

    // Every simulated ride is in a simulation area, none on driver1's van.
    expect(rows.filter((r) => r.simulation !== 'true').map((r) => r.area)).toEqual([]);
    expect(rows.filter((r) => r.vehicle_id === seeded.vehicle_id)).toEqual([]);
    const token = (await signIn(stack.apiUrl, driver1.email, driver1.password)).accessToken;
    const manifest = await fetch(`${stack.apiUrl}/v1/driver/manifest`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(manifest.status).toBe(200);
    const text = await manifest.text();
    for (const ride of rows) expect(text).not.toContain(ride.id);

    // The demo rider's pages: no simulated ride, and the stops and areas offered are the real ones.
    const rider = await signIn(stack.apiUrl, demoRider.email, demoRider.password);
    const auth = { authorization: `Bearer ${rider.accessToken}` };
    expect(await (await fetch(`${stack.apiUrl}/v1/rides`, { headers: auth })).json()).toEqual([]);
    const offered = (await (await fetch(`${stack.apiUrl}/v1/shuttle/areas/${rider.user.areaIds[0]}/stops`)).json()) as {
      stops: { id: string }[];
    };
    expect(offered.stops.length).toBeGreaterThan(0);
    expect(offered.stops.filter((s) => rows.some((r) => r.pickup === s.id))).toEqual([]);
    const catalogue = (await (await fetch(`${stack.apiUrl}/v1/areas`)).json()) as Array<{ code: string }>;
    expect(catalogue.map((a) => a.code)).not.toContain(rows[0].area);
    const board = (await (await fetch(`${stack.apiUrl}/v1/areas?simulation=include`)).json()) as Array<{
      code: string;
    }>;
    expect(board.map((a) => a.code)).toContain(rows[0].area);

    // Set up again (as on the next start): nothing is created twice.
    const counts = async () =>
      (
        await db.query<{ n: string }>(
          `SELECT (SELECT count(*) FROM service_areas) || '/' || (SELECT count(*) FROM places) || '/' || (SELECT count(*) FROM companies) || '/' || (SELECT count(*) FROM vehicles) || '/' || (SELECT count(*) FROM staff) AS n`,
        )
      ).rows[0].n;
    const before = await counts();
    const again = await prepareSimShuttleArea(admin, (line) => lines.push(line));
    const rideArea = (await db.query<{ area_id: string }>(`SELECT area_id FROM rides WHERE id = $1`, [rows[0].id]))
      .rows[0].area_id;
    expect(again?.id).toBe(rideArea);
    expect((await prepareSimStaff(admin, stack.apiUrl, (line) => lines.push(line), again ? [again] : [])).length).toBe(
      3,
    );
    expect(await counts()).toBe(before);
  }, 180_000);
});
