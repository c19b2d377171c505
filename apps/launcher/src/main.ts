import 'reflect-metadata';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig, configToEnv, loadConfigOrExit } from '@app/config';
import { DEMO_ACCOUNTS, prepareDatabase } from '@app/database';
import { isAlive, provisionServers, ProvisionedServers, reapStaleServer, requireFreePort } from '@app/devstack';
import { exitWith, unreachableServer } from '@app/http';
import { AppSpec, Supervisor } from './supervisor';

const say = (line: string) => process.stdout.write(`${line}\n`);
const READY_TIMEOUT_MS = 90_000;

async function waitHealthy(url: string, until: number, alive: () => boolean): Promise<boolean> {
  while (Date.now() < until) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return true;
    } catch {
      // not up yet
    }
    if (!alive()) await new Promise((r) => setTimeout(r, 400));
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** A launcher killed with -9 leaves its apps running: stop them before taking their ports. */
async function reapOrphanApps(runDir: string): Promise<void> {
  const ownPid = join(runDir, 'launcher.pid');
  try {
    const pid = Number(readFileSync(ownPid, 'utf8'));
    if (pid !== process.pid && isAlive(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('launcher')) {
      exitWith(`npm start is already running (pid ${pid}); stop it first (Ctrl-C in its terminal, or kill ${pid}).`);
    }
  } catch {
    // no previous launcher
  }
  let files: string[] = [];
  try {
    files = readdirSync(runDir).filter((f) => f.endsWith('.pid') && f !== 'launcher.pid');
  } catch {
    return;
  }
  for (const file of files) {
    const note = await reapStaleServer(join(runDir, file), 'dist/apps/');
    if (note) say(`  cleanup: ${file.replace('.pid', '')}: ${note}`);
  }
}

function printReady(config: AppConfig, servers: ProvisionedServers, logDir: string): void {
  const pad = (s: string) => s.padEnd(30);
  say('');
  say('ready — 검단 무빙콜 · 프리러그 dispatch is up');
  say(`  API          ${config.publicUrls.api}   (OpenAPI docs: ${config.publicUrls.api}/docs)`);
  say(`  Web pages    ${config.publicUrls.api}/board (dispatch) · /rider · /travel · /staff`);
  say(`  Gateway      ${config.publicUrls.gateway}   (Socket.IO; token in auth.token)`);
  say(`  Dispatcher   http://localhost:${config.ports.dispatcher}/health`);
  say(`  PostgreSQL   ${servers.postgres ? `embedded, ${servers.databaseUrl}` : 'external (DATABASE_URL)'}`);
  say(`  Redis        ${servers.redis ? `private, ${servers.redisUrl}` : 'external (REDIS_URL)'}`);
  say(`  Logs         ${logDir}/*.log (JSON)`);
  const { solapi, smtp } = config.notify;
  const outboxed = [...(solapi ? [] : ['SMS/AlimTalk']), ...(smtp ? [] : ['email'])];
  if (config.env !== 'production')
    say(
      `  Messages     ${config.publicUrls.api}/dev/messages${outboxed.length ? ` (development outbox for ${outboxed.join(' and ')}: no provider configured)` : ''}`,
    );
  if (config.seedDemo) {
    say('  Demo logins (POST /v1/auth/sign-in):');
    for (const a of DEMO_ACCOUNTS) say(`    ${a.role.padEnd(10)} ${pad(a.email)} ${a.password}`);
  }
  say('Press Ctrl-C to stop everything.');
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const dataDir = resolve(config.dataDir);
  const runDir = join(dataDir, 'run');
  const logDir = join(dataDir, 'logs');
  mkdirSync(runDir, { recursive: true });
  await reapOrphanApps(runDir);
  writeFileSync(join(runDir, 'launcher.pid'), String(process.pid));

  say(`starting (data in ${dataDir})`);
  let servers: ProvisionedServers;
  try {
    // Ports first: finding one taken after the databases are up would waste the start.
    const appPorts: Array<[number, string, string]> = [
      [config.ports.api, 'the api', 'API_PORT'],
      [config.ports.gateway, 'the gateway', 'GATEWAY_PORT'],
      [config.ports.dispatcher, 'the dispatcher', 'DISPATCHER_PORT'],
    ];
    for (const [port, what, variable] of appPorts) {
      if (port !== 0) await requireFreePort(port, what, `Stop what uses it or set ${variable} to another port.`);
    }
    servers = await provisionServers(config, { persistent: true, log: (l) => say(`  ${l}`) });
  } catch (error) {
    rmSync(join(runDir, 'launcher.pid'), { force: true });
    exitWith(`cannot start: ${(error as Error).message}`);
  }
  for (const note of servers.notes) say(`  ${note}`);

  const effective: AppConfig = {
    ...config,
    database: { url: servers.databaseUrl, embedded: config.database.embedded },
    redis: { ...config.redis, url: servers.redisUrl },
  };
  const supervisor = new Supervisor({ ...process.env, ...configToEnv(effective) }, runDir, logDir, say);
  let shuttingDown = false;
  const shutdown = async (reason: string, code = 0) => {
    if (shuttingDown) return;
    shuttingDown = true;
    say(`\nstopping (${reason})...`);
    await supervisor.stopAll();
    await servers.stop();
    rmSync(join(runDir, 'launcher.pid'), { force: true });
    say('stopped: apps, Redis and PostgreSQL are down.');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));

  const problem = await unreachableServer(effective, 'cannot start');
  if (problem) {
    say(`! ${problem}`);
    return shutdown('error', 1);
  }
  try {
    // Demo staff are rostered for today and tomorrow on every start (bookings after the same-day cutoff are for tomorrow).
    const prepared = await prepareDatabase(servers.databaseUrl, {
      seedDemo: config.seedDemo && config.env !== 'production',
      timezone: config.serviceTimezone,
      rosterDemoDays: 2,
    });
    say(`  migrations: ${prepared.migrationsRun.length ? prepared.migrationsRun.join(', ') : 'up to date'}`);
    if (prepared.seed)
      say(
        `  demo data: ${prepared.seed.seeded ? `seeded ${JSON.stringify(prepared.seed.counts)}` : 'already there, not seeded again'}`,
      );
    if (prepared.rostered) say(`  demo roster: ${prepared.rostered} shift(s) added for today and tomorrow`);
  } catch (error) {
    say(`! database preparation failed: ${(error as Error).message}`);
    return shutdown('error', 1);
  }

  const dist = resolve(__dirname, '../../..');
  const apps: AppSpec[] = [
    {
      name: 'api',
      entry: join(dist, 'apps/api/src/main.js'),
      healthUrl: `http://127.0.0.1:${config.ports.api}/health`,
    },
    {
      name: 'dispatcher',
      entry: join(dist, 'apps/dispatcher/src/main.js'),
      healthUrl: `http://127.0.0.1:${config.ports.dispatcher}/health`,
    },
    {
      name: 'gateway',
      entry: join(dist, 'apps/gateway/src/main.js'),
      healthUrl: `http://127.0.0.1:${config.ports.gateway}/health`,
    },
  ];
  for (const app of apps) supervisor.start(app);
  const until = Date.now() + READY_TIMEOUT_MS;
  const healthy = await Promise.all(
    apps.map((a) => waitHealthy(a.healthUrl, until, () => supervisor.isRunning(a.name))),
  );
  if (healthy.some((h) => !h)) {
    const sick = apps.filter((_, i) => !healthy[i]).map((a) => a.name);
    say(`! not healthy after ${READY_TIMEOUT_MS / 1000} s: ${sick.join(', ')} (see ${logDir})`);
    return shutdown('not ready', 1);
  }
  printReady(config, servers, logDir);
  // Demo traffic through the public API, once the apps are healthy (not part of the health wait).
  if (config.simulator.enabled && config.seedDemo && config.env !== 'production') {
    supervisor.start({ name: 'simulator', entry: join(dist, 'apps/simulator/src/main.js'), healthUrl: '' });
    say(
      `simulator: on (demand ×${config.simulator.speed}; SIMULATOR=off to disable, SIMULATOR_SPEED to change; log: ${join(logDir, 'simulator.log')})`,
    );
  } else
    say(
      `simulator: off (${config.simulator.enabled ? 'it needs the demo data: SEED_DEMO=true, not production' : 'SIMULATOR=on to start demo traffic'})`,
    );
}

void main();
