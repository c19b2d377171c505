import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { DEMO_ACCOUNTS } from '@app/database';
import { AppProcess } from '../bench/load/processes';
import { secretsInLogs } from '../support/log-secrets';
import { api, openShuttleAroundTheClock, ShuttleFixture } from '../support/shuttle-fixtures';
import { rawHandshakeOutcome, signIn } from '../support/stack';
import { createTestContext, TestContext } from '../support/test-context';
import {
  brief,
  describeRequest,
  FuzzRequest,
  FuzzWorld,
  handshakeArbitrary,
  OpenApiDocument,
  requestArbitrary,
  writeOperations,
} from './payload-fuzzer';

/**
 * Property-based fuzzing of every write operation in the api's OpenAPI document and of the
 * gateway's handshake, against the three apps running as real processes. Properties: no 5xx; every
 * 4xx is a problem body with a stable code; an operation that refused everything left every table
 * as it was; the processes answer /health afterwards; no secret reached any log line.
 *
 * CI profile: FUZZ_CASES=20000 (default). Long profile: `npm run fuzz` (200,000). FUZZ_SEED
 * replays a run (operation i, worker w runs fast-check with seed FUZZ_SEED + i * FUZZ_CONCURRENCY + w);
 * fast-check prints that seed, its path and the shrunk request of any failure.
 */
const intEnv = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const CASES = intEnv('FUZZ_CASES', 20_000);
const SEED = intEnv('FUZZ_SEED', 20_261_204);
const CONCURRENCY = intEnv('FUZZ_CONCURRENCY', 4);
const SOCKET_CASES = intEnv('FUZZ_SOCKET_CASES', Math.max(400, Math.round(CASES / 40)));
/** A problem body's code: a stable constant, not a message. */
const STABLE_CODE = /^[A-Z][A-Z0-9_]{2,63}$/;

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });

interface Answer {
  status: number;
  text: string;
}

function send(baseUrl: string, r: FuzzRequest, token: string | null): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(baseUrl);
    const headers: Record<string, string> = { ...r.headers };
    if (r.authorization !== undefined) headers.authorization = r.authorization.replace('{token}', token ?? '');
    else if (token) headers.authorization = `Bearer ${token}`;
    if (r.body) headers['content-length'] = String(r.body.length);
    const req = request(
      { host: url.hostname, port: url.port, method: r.method, path: r.path, headers, agent, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', reject);
    req.end(r.body);
  });
}

/** Why an answer breaks the properties, or null: no 5xx, and every 4xx a problem body with a stable code. */
function problemWith(answer: Answer): string | null {
  if (answer.status >= 500 || answer.status < 100) return `answered ${answer.status}: ${answer.text.slice(0, 300)}`;
  if (answer.status < 400) return null;
  let body: { code?: unknown; message?: unknown };
  try {
    body = JSON.parse(answer.text) as typeof body;
  } catch {
    return `answered ${answer.status} without a JSON problem body: ${JSON.stringify(answer.text.slice(0, 200))}`;
  }
  if (typeof body?.code !== 'string' || !STABLE_CODE.test(body.code) || typeof body.message !== 'string')
    return `answered ${answer.status} with a body that is not a problem: ${answer.text.slice(0, 300)}`;
  return null;
}

const tally = <K>(counts: Map<K, number>, key: K) => counts.set(key, (counts.get(key) ?? 0) + 1);
const table = <K>(counts: Map<K, number>) =>
  [...counts.entries()]
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
    .map(([k, n]) => `  ${String(k).padEnd(28)} ${n}`)
    .join('\n');

describe('property-based fuzzing of every write operation and the gateway handshake', () => {
  let ctx: TestContext;
  let fx: ShuttleFixture;
  let apps: AppProcess[] = [];
  let apiUrl: string;
  let gatewayUrl: string;
  const logs: string[] = [];
  /** Index 0 is anonymous; then one session per role (two for staff: a driver and a courier). */
  const names: string[] = ['anonymous'];
  const accounts: Array<(typeof DEMO_ACCOUNTS)[number] | null> = [null];
  const tokens: Array<string | null> = [null];
  const issued: string[] = [];

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    fx = await openShuttleAroundTheClock(ctx);
    const onLine = (line: string) => logs.push(line);
    // Real processes: a crash is seen as an exit (not as the test runner dying), and every log line is read.
    apps = await Promise.all([
      AppProcess.start('api', 'api', ctx.config, 180_000, { logLevel: 'info', onLine }),
      AppProcess.start('dispatcher', 'dispatcher', ctx.config, 180_000, { logLevel: 'info', onLine }),
      AppProcess.start('gateway', 'gateway', ctx.config, 180_000, { logLevel: 'info', onLine }),
    ]);
    [apiUrl, , gatewayUrl] = apps.map((a) => a.url);
    // One account per role; for staff, a driver and a courier.
    for (const email of ['admin@', 'dispatcher@', 'rider@', 'traveller@', 'driver1@', 'courier1@']) {
      const account = DEMO_ACCOUNTS.find((a) => a.email.startsWith(email))!;
      names.push(`${account.role} ${account.email}`);
      accounts.push(account);
      tokens.push(null);
    }
    await refreshSessions();
    await bookSomething();
  }, 240_000);

  afterAll(async () => {
    agent.destroy();
    await Promise.all(apps.map((a) => a.stop()));
    await fx?.close();
    await ctx?.dispose();
  });

  /** A shuttle ride and a luggage booking, so that ride and booking ids in paths name real rows in a live state. */
  async function bookSomething(): Promise<void> {
    const rider = tokens[names.findIndex((n) => n.startsWith('rider'))];
    const ride = await api(apiUrl, 'POST', '/v1/rides', rider, {
      pickupStopId: fx.stop('gd-oryu-stn'),
      dropoffStopId: fx.stop('gd-f-hanbit'),
      passengers: 1,
      timeMode: 'now',
    });
    const flightAt = DateTime.now().setZone('Asia/Seoul').plus({ days: 1 }).set({ hour: 16, minute: 0 }).toISO()!;
    const trip = {
      origin: 'h-grand-hyatt-incheon',
      destination: 'icn-t1',
      bags: { carry_on: 1, suitcase: 1, oversize: 0 },
      flightNumber: 'KE123',
      flightAt,
    };
    const quote = await api<{ quoteToken: string }>(apiUrl, 'POST', '/v1/luggage/quotes', null, trip);
    const booking = await api(apiUrl, 'POST', '/v1/luggage/bookings', null, {
      ...trip,
      quoteToken: quote.body.quoteToken,
      contact: { name: 'Emma Lee', phone: '+82 10-1234-5678', email: 'emma@example.com' },
      language: 'en',
      prohibitedItemsConfirmed: true,
    });
    expect([ride.status, quote.status, booking.status]).toEqual([202, 200, 201]); // a ride is accepted, then dispatched
  }

  /** Signs in again any account whose token no longer works (a fuzz case may have signed it out or re-keyed it). */
  async function refreshSessions(): Promise<void> {
    for (const [i, account] of accounts.entries()) {
      if (!account) continue;
      const token = tokens[i];
      if (
        token &&
        (await send(apiUrl, { label: 'me', method: 'GET', path: '/v1/auth/me', headers: {}, who: i }, token)).status ===
          200
      )
        continue;
      const session = await signIn(apiUrl, account.email, account.password).catch(() => null);
      tokens[i] = session?.accessToken ?? null;
      if (session) issued.push(session.accessToken, session.refreshToken);
    }
  }

  async function rowCounts(): Promise<Map<string, number>> {
    const { rows } = await fx.db.query<{ table_name: string; n: number }>(
      `SELECT table_name, (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I', table_name), false, true, '')))[1]::text::int AS n
         FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    return new Map(rows.map((r) => [r.table_name, r.n]));
  }

  /** Waits (at most 5 s) until two counts of every table 300 ms apart agree. */
  async function quiet(): Promise<void> {
    let last = JSON.stringify([...(await rowCounts())]);
    for (const until = Date.now() + 5_000; Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 300));
      const now = JSON.stringify([...(await rowCounts())]);
      if (now === last) return;
      last = now;
    }
  }

  /** Ids of real rows, so that path ids and uuid fields often name something that exists. */
  async function realIds(): Promise<Record<string, string[]>> {
    const { rows: tables } = await fx.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id' AND data_type = 'uuid' ORDER BY 1`,
    );
    const signedIn = DEMO_ACCOUNTS.map((a) => a.email);
    const ids: Record<string, string[]> = {};
    for (const { table_name } of tables) {
      // Not the accounts this run signs in with: a fuzz case must not deactivate its own callers.
      const where = table_name === 'users' ? `WHERE email <> ALL($1)` : '';
      const { rows } = await fx.db.query<{ id: string }>(
        `SELECT id::text FROM "${table_name}" ${where} ORDER BY id LIMIT 8`,
        table_name === 'users' ? [signedIn] : [],
      );
      if (rows.length) ids[table_name] = rows.map((r) => r.id);
    }
    return ids;
  }

  it(
    `answers ${CASES} generated requests with 2xx or a 4xx problem, never 5xx, and leaves no partial rows`,
    async () => {
      const started = Date.now();
      const doc = JSON.parse(
        (await send(apiUrl, { label: 'docs', method: 'GET', path: '/docs-json', headers: {}, who: 0 }, null)).text,
      ) as OpenApiDocument;
      const operations = writeOperations(doc);
      expect(operations.length).toBeGreaterThan(40);
      expect(operations.filter((op) => op.multipart).map((op) => op.name)).toEqual([
        'POST /v1/luggage/courier/bookings/{id}/pickup',
      ]);
      const ids = await realIds();
      const perWorker = Math.max(1, Math.ceil(CASES / operations.length / CONCURRENCY));

      const statuses = new Map<number, number>();
      const codes = new Map<string, number>();
      const perOperation = new Map<string, number>();
      const perOperationStatus = new Map<string, Map<number, number>>();
      const failures: string[] = [];
      const leftovers: string[] = [];
      let sent = 0;

      for (const [index, op] of operations.entries()) {
        await refreshSessions();
        // Who gets past authorization, so that most cases reach validation and the handler.
        const admitted: number[] = [];
        for (const who of tokens.keys()) {
          const probe = {
            label: 'probe',
            method: op.method,
            path: op.path.replace(/\{[^}]+\}/g, '6f1c1b2e-3a43-4c4b-9f0e-0a6a4f3b2a11'),
            headers: { 'content-type': 'application/json' },
            body: Buffer.from('{}'),
            who,
          };
          const { status } = await send(apiUrl, probe, tokens[who]);
          if (status !== 401 && status !== 403) admitted.push(who);
        }
        const world: FuzzWorld = {
          components: doc.components.schemas,
          realIds: ids,
          admitted,
          everyone: [...tokens.keys()],
        };
        const arbitrary = requestArbitrary(op, world).map((r) =>
          Object.assign(r, { [fc.toStringMethod]: () => describeRequest(r, names) }),
        );
        let succeeded = 0;
        const before = await rowCounts();
        const property = fc.asyncProperty(arbitrary, async (r) => {
          const answer = await send(apiUrl, r, tokens[r.who]);
          sent += 1;
          tally(statuses, answer.status);
          tally(perOperation, op.name);
          if (!perOperationStatus.has(op.name)) perOperationStatus.set(op.name, new Map());
          tally(perOperationStatus.get(op.name)!, answer.status);
          if (answer.status < 400) succeeded += 1;
          else if (answer.status < 500)
            tally(codes, (JSON.parse(answer.text || '{}') as { code?: string }).code ?? '(none)');
          const problem = problemWith(answer);
          if (problem) throw new Error(problem);
        });
        const runs = await Promise.all(
          Array.from({ length: CONCURRENCY }, (_, w) =>
            fc.check(property, { seed: SEED + index * CONCURRENCY + w, numRuns: perWorker }),
          ),
        );
        for (const run of runs) if (run.failed) failures.push(`${op.name}:\n${fc.defaultReportMessage(run) ?? ''}`);
        // Only when every case was refused must every table be exactly as before.
        if (succeeded === 0) {
          const after = await rowCounts();
          for (const [name, n] of after)
            if (n !== before.get(name)) leftovers.push(`${op.name}: ${name} ${before.get(name)} → ${n}`);
        } else {
          await quiet(); // what an accepted request set off (outbox, dispatch) must not land in the next operation's window
        }
      }

      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `fuzz: ${sent} requests to ${operations.length} write operations in ${seconds} s, seed ${SEED}, concurrency ${CONCURRENCY}\n` +
          `status → count\n${table(statuses)}\nproblem code → count\n${table(codes)}\noperation → requests (by status)\n${[
            ...perOperation.entries(),
          ]
            .sort((a, b) => a[0].localeCompare(b[0]))
            .map(
              ([name, n]) =>
                `  ${name.padEnd(52)} ${String(n).padStart(6)}  ${[...perOperationStatus.get(name)!.entries()]
                  .sort((a, b) => a[0] - b[0])
                  .map(([st, k]) => `${st}:${k}`)
                  .join(' ')}`,
            )
            .join('\n')}`,
      );
      expect(failures).toEqual([]);
      expect(leftovers).toEqual([]);
      expect(sent).toBeGreaterThanOrEqual(CASES);
    },
    Math.max(600_000, CASES * 30),
  );

  it(`refuses ${SOCKET_CASES} hostile handshakes with a stable code and stays up`, async () => {
    const valid = tokens.filter((t): t is string => t !== null);
    const outcomes = new Map<string, number>();
    const cases = handshakeArbitrary(valid).map((h) =>
      Object.assign(h, { [fc.toStringMethod]: () => `packet=${brief(h.packet)} query=${brief(h.query)}` }),
    );
    const property = fc.asyncProperty(cases, async ({ packet, connect, query }) => {
      const outcome = await rawHandshakeOutcome(gatewayUrl, packet, query);
      tally(outcomes, outcome.replace(/\d{4}/, 'NNNN'));
      if (outcome === 'connected' || outcome.startsWith('no answer') || outcome.startsWith('unexpected'))
        throw new Error(`handshake answered ${JSON.stringify(outcome)}`);
      // The transport itself may refuse only what engine.io must: a packet past maxHttpBufferSize
      // (1 MB), a query that overrides the protocol's own parameters or outgrows the URL, a packet
      // that does not parse. Any CONNECT of the main namespace is answered with a refusal code.
      const transport = outcome.startsWith('websocket error') || outcome.startsWith('transport closed');
      const oversized = Buffer.byteLength(packet) > 900_000;
      const protocolQuery =
        Object.keys(query).some((k) => ['EIO', 'transport', 'sid'].includes(k)) || JSON.stringify(query).length > 8_000;
      if (transport ? !(oversized || protocolQuery || !connect) : connect && !/^(AUTH|TRACKING)_[A-Z_]+$/.test(outcome))
        throw new Error(`handshake answered ${JSON.stringify(outcome)}`);
    });
    const runs = await Promise.all(
      Array.from({ length: CONCURRENCY }, (_, w) =>
        fc.check(property, { seed: SEED + 7_919 + w, numRuns: Math.ceil(SOCKET_CASES / CONCURRENCY) }),
      ),
    );
    console.log(`handshake outcome → count\n${table(outcomes)}`);
    expect(runs.filter((r) => r.failed).map((r) => fc.defaultReportMessage(r))).toEqual([]);
  }, 600_000);

  it('leaves every process up and answering /health', async () => {
    for (const app of apps) {
      expect({ app: app.name, exit: app.unexpectedExit, alive: app.alive }).toEqual({
        app: app.name,
        exit: null,
        alive: true,
      });
      expect({ app: app.name, health: (await fetch(`${app.url}/health`)).status }).toEqual({
        app: app.name,
        health: 200,
      });
    }
  });

  it('wrote no password hash, token or password in any log line of any process', () => {
    // FUZZ_LOG_FILE keeps every line the processes wrote, to read after a run.
    if (process.env.FUZZ_LOG_FILE) writeFileSync(process.env.FUZZ_LOG_FILE, logs.join('\n'));
    expect(logs.length).toBeGreaterThan(100);
    // Nothing was logged as an error either (a swallowed failure, an unhandled rejection); other lines
    // that are not the apps' JSON (a runtime warning) are shown for a reader, not failed on.
    expect(logs.filter((l) => Number(/"level":\s*(\d+)/.exec(l)?.[1] ?? 0) >= 50).slice(0, 5)).toEqual([]);
    // Nor did one transaction send a query while its connection was busy with another (Promise.all
    // over one EntityManager): pg 8 warns of it, pg 9 refuses it.
    expect(logs.filter((l) => /already executing a query/.test(l)).slice(0, 1)).toEqual([]);
    const foreign = [
      ...new Set(logs.filter((l) => !l.startsWith('{') && !/listening|consuming|trace-deprecation/.test(l))),
    ];
    if (foreign.length)
      console.log(`lines the processes wrote outside their JSON logs:\n${foreign.slice(0, 10).join('\n')}`);
    expect(secretsInLogs(logs.join('\n'), [...DEMO_ACCOUNTS.map((a) => a.password), ...issued])).toEqual([]);
  });
});
