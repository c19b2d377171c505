import 'reflect-metadata';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigOrExit } from '@app/config';
import { createDataSource, pendingSchemaChanges, prepareDatabase, seedDemo } from '@app/database';
import { isPortFree, provisionServers } from '@app/devstack';
import { exitWith } from '@app/http';

/**
 * Database chores: `migrate`, `seed`, `check-drift`, `generate-migration <Name>`.
 * Like `npm start`, it uses the embedded servers when no DATABASE_URL is given.
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  let config = loadConfigOrExit();
  // Drift checks and generation compare the entities with the migrations alone, so they run on
  // a throwaway cluster: never on someone's dev data, and never clashing with a running stack.
  const throwaway = (command === 'check-drift' || command === 'generate-migration') && config.database.embedded;
  let tempDir: string | undefined;
  if (throwaway) {
    tempDir = mkdtempSync(join(tmpdir(), 'geomdan-schema-'));
    chmodSync(tempDir, 0o755); // postgres runs as its own user when we are root
    let port = 55432;
    while (!(await isPortFree(port))) port += 1;
    config = loadConfigOrExit({ DATA_DIR: tempDir, EMBEDDED_POSTGRES_PORT: String(port) });
  }
  const servers = await provisionServers(
    { ...config, redis: { ...config.redis, embedded: false } },
    { persistent: !throwaway },
  );
  try {
    switch (command) {
      case 'migrate': {
        const result = await prepareDatabase(servers.databaseUrl, {
          seedDemo: false,
          timezone: config.serviceTimezone,
        });
        process.stdout.write(
          result.migrationsRun.length ? `applied: ${result.migrationsRun.join(', ')}\n` : 'no pending migrations\n',
        );
        break;
      }
      case 'seed': {
        await prepareDatabase(servers.databaseUrl, { seedDemo: false, timezone: config.serviceTimezone });
        const ds = await createDataSource(servers.databaseUrl).initialize();
        const result = await seedDemo(ds, { timezone: config.serviceTimezone });
        await ds.destroy();
        process.stdout.write(
          result.seeded ? `seeded: ${JSON.stringify(result.counts)}\n` : 'already seeded: nothing to do\n',
        );
        break;
      }
      case 'check-drift':
      case 'generate-migration': {
        await prepareDatabase(servers.databaseUrl, { seedDemo: false, timezone: config.serviceTimezone });
        const ds = await createDataSource(servers.databaseUrl).initialize();
        const sql = await pendingSchemaChanges(ds);
        const down = (await ds.driver.createSchemaBuilder().log()).downQueries.map((q) => q.query).reverse();
        await ds.destroy();
        if (command === 'check-drift') {
          if (sql.length > 0) {
            await servers.stop();
            if (tempDir) rmSync(tempDir, { recursive: true, force: true });
            exitWith(`schema drift: the entities need SQL the migrations lack:\n${sql.join(';\n')}`);
          }
          process.stdout.write('no drift: migrations match the entities\n');
          break;
        }
        if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) exitWith('usage: npm run db:generate -- <PascalCaseName>');
        if (sql.length === 0) {
          process.stdout.write('nothing to generate: migrations match the entities\n');
          break;
        }
        const stamp = Date.now();
        const file = join(__dirname, '../../../../libs/database/src/migrations', `${stamp}-${name}.ts`);
        const q = (s: string) =>
          `    await queryRunner.query(\`${s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\`);`;
        writeFileSync(
          file,
          `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${stamp} implements MigrationInterface {\n  name = '${name}${stamp}';\n\n  public async up(queryRunner: QueryRunner): Promise<void> {\n${sql.map(q).join('\n')}\n  }\n\n  public async down(queryRunner: QueryRunner): Promise<void> {\n${down.map(q).join('\n')}\n  }\n}\n`,
        );
        process.stdout.write(`wrote ${file}; add it to libs/database/src/migrations/index.ts\n`);
        break;
      }
      default:
        exitWith('usage: cli <migrate|seed|check-drift|generate-migration Name>', 64);
    }
  } finally {
    await servers.stop();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => exitWith(`cli: ${(error as Error).message}`));
