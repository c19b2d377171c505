import { DataSource } from 'typeorm';
import { createDataSource, DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { connectSocket, handshakeOutcome, RunningStack, signIn, startStack } from '../support/stack';
import { createTestContext, TestContext } from '../support/test-context';
import { fuzzCases, fuzzPathParam, JsonSchema, rng } from './payload-fuzzer';

/**
 * Sends thousands of malformed and edge-case payloads, generated from the OpenAPI document, to
 * every write endpoint, and junk to the gateway: nothing may answer 5xx, the apps stay up, and an
 * endpoint that refused everything left no row behind.
 */
const CASES_PER_ENDPOINT = 90;
const SOCKET_CASES = 300;
const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;

interface Operation {
  method: (typeof WRITE_METHODS)[number];
  path: string;
  bodySchema?: JsonSchema;
}

describe('fuzzing every write endpoint and the gateway', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  let ds: DataSource;
  const tokens: Array<string | null> = [null];

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    stack = await startStack(ctx);
    ds = await createDataSource(ctx.config.database.url).initialize();
    const roles = [Role.Admin, Role.Dispatcher, Role.Rider, Role.Traveller, Role.Staff];
    for (const role of roles) {
      for (const account of DEMO_ACCOUNTS.filter((a) => a.role === role).slice(0, role === Role.Staff ? 2 : 1)) {
        tokens.push((await signIn(stack.apiUrl, account.email, account.password)).accessToken);
      }
    }
  });

  afterAll(async () => {
    await ds?.destroy();
    await stack?.close();
    await ctx?.dispose();
  });

  async function rowCounts(): Promise<Record<string, number>> {
    const tables: Array<{ table_name: string }> = await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
    );
    const counts: Record<string, number> = {};
    for (const { table_name } of tables) counts[table_name] = Number((await ds.query(`SELECT count(*)::int AS n FROM "${table_name}"`))[0].n);
    return counts;
  }

  async function send(op: Operation, body: string, contentType: string, token: string | null, random: () => number): Promise<number> {
    const url = stack.apiUrl + op.path.replace(/\{[^}]+\}/g, () => fuzzPathParam(random));
    const headers: Record<string, string> = { 'content-type': contentType };
    if (token) headers.authorization = `Bearer ${token}`;
    if (random() < 0.2) headers['idempotency-key'] = random() < 0.5 ? 'x'.repeat(500) : `fuzz-${Math.floor(random() * 1e9)}`;
    const response = await fetch(url, { method: op.method.toUpperCase(), headers, body: op.method === 'delete' && random() < 0.5 ? undefined : body });
    await response.arrayBuffer();
    return response.status;
  }

  it('answers only 4xx to malformed input, never 5xx, and leaves no partial rows', async () => {
    const doc = (await (await fetch(`${stack.apiUrl}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
      components: { schemas: Record<string, JsonSchema> };
    };
    const operations: Operation[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of WRITE_METHODS) {
        const spec = methods[method];
        if (!spec) continue;
        const content = spec.requestBody?.content ?? {};
        const schema = content['application/json']?.schema ?? Object.values(content)[0]?.schema;
        operations.push({ method, path, bodySchema: schema });
      }
    }
    expect(operations.length).toBeGreaterThan(20);

    const serverErrors: string[] = [];
    const leftovers: string[] = [];
    let sent = 0;
    for (const [index, op] of operations.entries()) {
      const random = rng(1000 + index);
      // Find the roles that get past authorization, so the payloads reach validation.
      const admitted: Array<string | null> = [];
      for (const token of tokens) {
        const status = await send(op, '{}', 'application/json', token, random);
        sent += 1;
        if (status >= 500) serverErrors.push(`${op.method.toUpperCase()} ${op.path} {} → ${status}`);
        if (status !== 401 && status !== 403) admitted.push(token);
      }
      const candidates = admitted.length ? admitted : tokens;
      const before = await rowCounts();
      let succeeded = 0;
      for (const fuzz of fuzzCases(op.bodySchema, doc.components.schemas, CASES_PER_ENDPOINT, 7 + index)) {
        const status = await send(op, fuzz.body, fuzz.contentType, candidates[Math.floor(random() * candidates.length)], random);
        sent += 1;
        if (status >= 500) serverErrors.push(`${op.method.toUpperCase()} ${op.path} [${fuzz.label}] ${fuzz.body.slice(0, 120)} → ${status}`);
        if (status < 400) succeeded += 1;
      }
      // Only when every case was refused must the database be exactly as before.
      if (succeeded === 0) {
        const after = await rowCounts();
        for (const [table, n] of Object.entries(after)) {
          if (n !== before[table]) leftovers.push(`${op.method.toUpperCase()} ${op.path}: ${table} ${before[table]} → ${n}`);
        }
      }
    }
    expect(serverErrors).toEqual([]);
    expect(leftovers).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(5000);
    for (const url of [stack.apiUrl, stack.dispatcherUrl, stack.gatewayUrl]) expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it('refuses junk handshakes and survives junk events without a crash', async () => {
    const random = rng(99);
    const junkAuth: unknown[] = [{ token: 'x' }, { token: 'a'.repeat(20_000) }, { token: 42 }, { token: { nested: true } }, { trackingToken: "' OR 1=1" }, { trackingToken: '' }, {}];
    for (const auth of junkAuth) {
      const outcome = await handshakeOutcome(stack.gatewayUrl, auth);
      expect(outcome).not.toBe('connected');
    }

    const admin = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;
    const session = await signIn(stack.apiUrl, admin.email, admin.password);
    const socket = await connectSocket(stack.gatewayUrl, session.accessToken);
    const events = ['subscribe', 'unsubscribe', 'ride.subscribe', 'tracking.subscribe', 'join', 'message', 'ping', '__proto__', 'a'.repeat(500)];
    const payloads: unknown[] = [null, 42, 'x', [], {}, { room: 'admins' }, { room: 'area:../../' }, { rideId: "' OR 1=1" }, 'y'.repeat(50_000), { a: { b: { c: [1, 2, 3] } } }];
    for (let i = 0; i < SOCKET_CASES; i += 1) socket.emit(events[Math.floor(random() * events.length)], payloads[Math.floor(random() * payloads.length)]);
    await new Promise((r) => setTimeout(r, 500));
    expect((await fetch(`${stack.gatewayUrl}/health`)).status).toBe(200);
    // The junk did not join anyone to a room they were not given, nor break this socket.
    const again = await connectSocket(stack.gatewayUrl, session.accessToken);
    expect(again.rooms).toEqual(socket.rooms);
    socket.close();
    again.close();
  });
});
