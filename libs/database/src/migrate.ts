import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { rosterDemoShifts, seedDemo, SeedResult } from './seed/seed-demo';

export interface PrepareResult {
  migrationsRun: string[];
  seed: SeedResult | null;
  /** Demo shifts added by `rosterDemoDays` (null when not asked). */
  rostered: number | null;
}

/**
 * Applies pending migrations (in one transaction each) and, when asked, the demo seed and the demo
 * staff's shifts for today and the days after (`rosterDemoDays`, every start: the seed runs once).
 */
export async function prepareDatabase(
  url: string,
  options: { seedDemo: boolean; timezone: string; rosterDemoDays?: number },
): Promise<PrepareResult> {
  const dataSource: DataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    const seed = options.seedDemo ? await seedDemo(dataSource, { timezone: options.timezone }) : null;
    const rostered =
      options.seedDemo && options.rosterDemoDays
        ? await rosterDemoShifts(dataSource, { timezone: options.timezone, days: options.rosterDemoDays })
        : null;
    return { migrationsRun: ran.map((m) => m.name), seed, rostered };
  } finally {
    await dataSource.destroy();
  }
}
