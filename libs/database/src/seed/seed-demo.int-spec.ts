import { DataSource } from 'typeorm';
import { createTestContext, TestContext } from '../../../../test/support/test-context';
import { createDataSource, pendingSchemaChanges } from '../data-source';
import { rosterDemoShifts, seedDemo } from './seed-demo';
import { DEMO_ACCOUNTS } from './demo-catalogue';

const countAll = async (ds: DataSource) => {
  const tables = ['service_areas', 'places', 'companies', 'vehicles', 'users', 'user_areas', 'staff', 'shifts'];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  return counts;
};

describe('demo seed on real PostgreSQL', () => {
  let ctx: TestContext;
  let ds: DataSource;

  beforeAll(async () => {
    ctx = await createTestContext({ seed: false });
    ds = await createDataSource(ctx.config.database.url).initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await ctx?.dispose();
  });

  it('has migrations that match the entities (no drift)', async () => {
    expect(await pendingSchemaChanges(ds)).toEqual([]);
  });

  it('loads the catalogue once: a second and a concurrent third run add nothing', async () => {
    const first = await seedDemo(ds, { timezone: 'Asia/Seoul' });
    expect(first.seeded).toBe(true);
    const after = await countAll(ds);
    expect(after.places).toBeGreaterThanOrEqual(30);
    expect(after.vehicles).toBe(6);

    const [second, third] = await Promise.all([
      seedDemo(ds, { timezone: 'Asia/Seoul' }),
      seedDemo(ds, { timezone: 'Asia/Seoul' }),
    ]);
    expect(second.seeded).toBe(false);
    expect(third.seeded).toBe(false);
    expect(await countAll(ds)).toEqual(after);
  });

  it('stores the Geomdan catalogue bilingually with places inside Korea', async () => {
    const rows: Array<{ name_ko: string; name_en: string; lat: number; lng: number }> = await ds.query(
      `SELECT name_ko, name_en, lat, lng FROM places WHERE code IN ('gd-oryu-stn', 'gd-wanggil-stn', 'icn-t1', 'icn-t2')`,
    );
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row.name_ko).toMatch(/[가-힣]/);
      expect(row.name_en).toMatch(/[A-Za-z]/);
      expect(row.lat).toBeGreaterThan(37.3);
      expect(row.lat).toBeLessThan(37.7);
      expect(row.lng).toBeGreaterThan(126.3);
      expect(row.lng).toBeLessThan(127.2);
    }
  });

  it('rosters the demo staff for today and tomorrow on every start, adding only what is missing (the seed ran once, on an earlier day)', async () => {
    const staffAccounts = DEMO_ACCOUNTS.filter((a) => a.staff).length;
    const localDays = async (): Promise<string[]> =>
      (
        (await ds.query(
          `SELECT DISTINCT to_char(planned_start AT TIME ZONE 'Asia/Seoul', 'YYYY-MM-DD') AS day FROM shifts ORDER BY 1`,
        )) as Array<{ day: string }>
      ).map((r) => r.day);
    // A start five days after the seed: neither that day nor the next had a shift.
    const later = new Date(Date.now() + 5 * 86_400_000);
    const fmt = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(d);
    expect(await localDays()).not.toContain(fmt(later));
    expect(await rosterDemoShifts(ds, { timezone: 'Asia/Seoul', days: 2, now: later })).toBe(2 * staffAccounts);
    expect(await localDays()).toEqual(
      expect.arrayContaining([fmt(later), fmt(new Date(later.getTime() + 86_400_000))]),
    );
    // Started again the same day: nothing new.
    expect(await rosterDemoShifts(ds, { timezone: 'Asia/Seoul', days: 2, now: later })).toBe(0);
    const perStaff = (await ds.query(
      `SELECT count(*)::int AS n FROM shifts WHERE planned_start >= $1 GROUP BY staff_id`,
      [new Date(later.getTime() - 86_400_000)],
    )) as Array<{ n: number }>;
    expect(perStaff).toHaveLength(staffAccounts);
    expect(perStaff.every((r) => r.n === 2)).toBe(true);
  });
});
