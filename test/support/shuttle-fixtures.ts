import { Client } from 'pg';
import { Socket } from 'socket.io-client';
import { TestContext } from './test-context';

/**
 * Shuttle tests must not depend on the real time of day: the area is opened around the clock
 * and the seeded shifts are moved to cover "now".
 */
export async function openShuttleAroundTheClock(ctx: TestContext): Promise<ShuttleFixture> {
  const db = new Client({ connectionString: ctx.config.database.url });
  await db.connect();
  const allWeek = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }));
  // Every day, holidays included: tests must not depend on the calendar date they run on.
  await db.query(
    `UPDATE service_areas SET service_hours = $1::jsonb, settings = settings - 'holidays' WHERE code = 'geomdan'`,
    [JSON.stringify(allWeek)],
  );
  await db.query(
    `UPDATE shifts SET planned_start = now() - interval '1 hour', planned_end = now() + interval '12 hours'
      WHERE area_id = (SELECT id FROM service_areas WHERE code = 'geomdan')`,
  );
  const area = await db.query<{ id: string }>(`SELECT id FROM service_areas WHERE code = 'geomdan'`);
  const stops = await db.query<{ id: string; code: string }>(`SELECT id, code FROM places WHERE area_id = $1`, [
    area.rows[0].id,
  ]);
  const vans = await db.query<{ id: string; plate: string; seats: number }>(
    `SELECT id, plate, seats FROM vehicles WHERE area_id = $1`,
    [area.rows[0].id],
  );
  return new ShuttleFixture(db, area.rows[0].id, new Map(stops.rows.map((s) => [s.code, s.id])), vans.rows);
}

export class ShuttleFixture {
  constructor(
    readonly db: Client,
    readonly areaId: string,
    readonly stopIds: Map<string, string>,
    readonly vans: { id: string; plate: string; seats: number }[],
  ) {}

  stop(code: string): string {
    const id = this.stopIds.get(code);
    if (!id) throw new Error(`no stop ${code}`);
    return id;
  }

  async close(): Promise<void> {
    await this.db.end();
  }
}

export async function api<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Records every event of one name on a socket, and waits for one matching a predicate. */
export class EventLog<T> {
  readonly events: T[] = [];
  private waiters: Array<{ match: (e: T) => boolean; resolve: (e: T) => void }> = [];

  constructor(socket: Socket, event: string) {
    socket.on(event, (payload: T) => {
      this.events.push(payload);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(payload)) return true;
        w.resolve(payload);
        return false;
      });
    });
  }

  waitFor(match: (e: T) => boolean, timeoutMs = 10_000, what = 'event'): Promise<T> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }
}
