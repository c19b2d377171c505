import { Client } from 'pg';
import { GEOMDAN_DAY } from '@app/simulation';
import { SimulatorHandle, startSimulator } from '../apps/simulator/src/main';
import { RunningStack, signIn, startStack } from './support/stack';
import { createTestContext, TestContext } from './support/test-context';

/**
 * The live simulator against the whole stack in-process, through the public API and the
 * gateway only: the operator step opens the area and plans shifts through the admin API, riders
 * book, drivers follow their manifests, and rides get completed. Vans drive faster than planned
 * here (a test-only knob) so that a ride finishes within seconds.
 */
describe('live simulator', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  let sim: SimulatorHandle | undefined;
  let db: Client;
  const lines: string[] = [];

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    stack = await startStack(ctx);
    db = new Client({ connectionString: ctx.config.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await sim?.stop();
    await db?.end();
    await stack?.close();
    await ctx?.dispose();
  });

  it('books rides that drivers complete, with positions on the way', async () => {
    sim = await startSimulator({
      apiUrl: stack.apiUrl,
      gatewayUrl: stack.gatewayUrl,
      speed: 60,
      roadFactor: ctx.config.travel.roadFactor,
      params: { ...GEOMDAN_DAY, noShowShare: 0, cancelShare: 0, live: { callsPerRealHour: 3600, riders: 4 } },
      seed: 3,
      dwellS: 1,
      driveSpeedFactor: 40,
      luggage: false,
      say: (line) => lines.push(line),
    });
    const world = sim.world;
    const deadline = Date.now() + 60_000;
    while (world.tally.completed < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    if (world.tally.completed < 1)
      throw new Error(`no ride completed within 60 s: ${world.summary()}\n${lines.join('\n')}`);
    expect(world.tally.positions).toBeGreaterThan(0);

    // What the simulator did is what the stack recorded.
    const rides = await db.query<{ status: string; n: string }>(
      `SELECT status, count(*) AS n FROM rides GROUP BY status`,
    );
    const byStatus = Object.fromEntries(rides.rows.map((r) => [r.status, Number(r.n)]));
    expect(byStatus.completed).toBeGreaterThanOrEqual(1);
    const located = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM vehicle_live_states WHERE lat IS NOT NULL AND online`,
    );
    expect(Number(located.rows[0].n)).toBeGreaterThan(0);
    // The operator step went through the admin API: shifts cover now.
    const shifts = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM shifts WHERE planned_start <= now() AND planned_end > now() + interval '1 hour'`,
    );
    expect(Number(shifts.rows[0].n)).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('acts through accounts and vans of its own, never the printed demo logins', async () => {
    // The previous test left the simulator running: it has booked and driven rides by now.
    const sims = await db.query<{ id: string; email: string; plate: string | null }>(
      `SELECT r.id, u.email, v.plate FROM rides r JOIN users u ON u.id = r.rider_user_id LEFT JOIN vehicles v ON v.id = r.vehicle_id`,
    );
    expect(sims.rows.length).toBeGreaterThan(0);
    expect(sims.rows.filter((r) => !r.email.startsWith('sim-'))).toEqual([]);
    const plates = new Set(sims.rows.map((r) => r.plate).filter((p): p is string => p !== null));
    expect(plates.size).toBeGreaterThan(0);
    for (const plate of plates) expect(plate).toMatch(/ 9\d{3}$/);

    // The demo rider signs in and sees no ride they did not book.
    const rider = await signIn(stack.apiUrl, 'rider@demo.geomdan.kr', 'rider-demo-1234');
    const mine = await fetch(`${stack.apiUrl}/v1/rides`, { headers: { authorization: `Bearer ${rider.accessToken}` } });
    expect(mine.status).toBe(200);
    expect(await mine.json()).toEqual([]);

    // Demo driver1's manifest carries none of the simulated riders.
    const driver = await signIn(stack.apiUrl, 'driver1@demo.geomdan.kr', 'staff-demo-1234');
    const manifest = await fetch(`${stack.apiUrl}/v1/driver/manifest`, {
      headers: { authorization: `Bearer ${driver.accessToken}` },
    });
    const text = await manifest.text();
    for (const ride of sims.rows) expect(text).not.toContain(ride.id);
    // and no shift of a demo person was planned by the simulator
    const demoShifts = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM shifts s JOIN staff st ON st.id = s.staff_id JOIN users u ON u.id = st.user_id WHERE u.email LIKE '%@demo.geomdan.kr' AND s.status = 'active'`,
    );
    expect(Number(demoShifts.rows[0].n)).toBe(0);
  }, 60_000);
});
