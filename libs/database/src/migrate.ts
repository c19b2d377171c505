import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { seedDemo, SeedResult } from './seed/seed-demo';

export interface PrepareResult {
  migrationsRun: string[];
  seed: SeedResult | null;
}

/** Applies pending migrations (in one transaction each) and, when asked, the demo seed. */
export async function prepareDatabase(
  url: string,
  options: { seedDemo: boolean; timezone: string },
): Promise<PrepareResult> {
  const dataSource: DataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    const seed = options.seedDemo ? await seedDemo(dataSource, { timezone: options.timezone }) : null;
    return { migrationsRun: ran.map((m) => m.name), seed };
  } finally {
    await dataSource.destroy();
  }
}
