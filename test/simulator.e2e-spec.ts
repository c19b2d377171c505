import { Client } from 'pg';
import { GEOMDAN_DAY } from '@app/simulation';
import { SimulatorHandle, startSimulator } from '../apps/simulator/src/main';
import { RunningStack, startStack } from './support/stack';
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
    if (world.tally.completed < 1) throw new Error(`no ride completed within 60 s: ${world.summary()}\n${lines.join('\n')}`);
    expect(world.tally.positions).toBeGreaterThan(0);

    // What the simulator did is what the stack recorded.
    const rides = await db.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM rides GROUP BY status`);
    const byStatus = Object.fromEntries(rides.rows.map((r) => [r.status, Number(r.n)]));
    expect(byStatus.completed).toBeGreaterThanOrEqual(1);
    const located = await db.query<{ n: string }>(`SELECT count(*) AS n FROM vehicle_live_states WHERE lat IS NOT NULL AND online`);
    expect(Number(located.rows[0].n)).toBeGreaterThan(0);
    // The operator step went through the admin API: shifts cover now.
    const shifts = await db.query<{ n: string }>(`SELECT count(*) AS n FROM shifts WHERE planned_start <= now() AND planned_end > now() + interval '1 hour'`);
    expect(Number(shifts.rows[0].n)).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
