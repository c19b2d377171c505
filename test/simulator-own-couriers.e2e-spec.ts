import { DateTime } from 'luxon';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS, DEMO_PLACES, ServiceAreaEntity, ShiftEntity } from '@app/database';
import { Clock, Role, StaffKind, SystemClock } from '@app/domain';
import { ApiClient } from '../apps/simulator/src/client';
import { LuggageTraffic } from '../apps/simulator/src/luggage';
import { prepareOperations } from '../apps/simulator/src/operator';
import { prepareSimLuggageArea, prepareSimStaff, SIM_PLACE_PREFIX } from '../apps/simulator/src/sim-accounts';
import { World } from '../apps/simulator/src/world';
import { RunningStack, signIn } from './support/stack';
import { SeededStack, startSeededStack } from './support/seeded-stack';

const adminAccount = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;
const demoCouriers = DEMO_ACCOUNTS.filter((a) => a.staff?.kind === StaffKind.Courier);

/**
 * Issue 12: with the simulator on, the printed demo couriers (whose seeded shifts are planned for
 * the day) must not be given the simulated travellers' bookings: a person signing in as courier1
 * sees only work a person booked. Set up as the simulator sets itself up (its own couriers, vans
 * and shifts through the admin API), at 08:00 on the seeded shifts' day.
 */
describe('live simulator: simulated Free-Lug work goes to its own couriers only', () => {
  let seeded: SeededStack;
  let stack: RunningStack;
  let db: Client;

  beforeAll(async () => {
    seeded = await startSeededStack('sim-own-couriers-');
    ({ stack, db } = seeded);
  });

  afterAll(async () => {
    await seeded?.close();
  });

  it('plans every simulated booking onto a simulated courier, and the demo couriers see none of them', async () => {
    const ds = stack.apps.api.get(DataSource);
    const area = await ds.getRepository(ServiceAreaEntity).findOneByOrFail({ code: 'freelug' });
    const seeded = await ds.getRepository(ShiftEntity).findOneOrFail({ where: { areaId: area.id } });
    const morning = DateTime.fromJSDate(seeded.plannedStart, { zone: 'Asia/Seoul' }).startOf('day').set({ hour: 8 });
    for (const app of [stack.apps.api, stack.apps.dispatcher])
      (app.get(Clock) as SystemClock).setNow(morning.toJSDate());
    const now = (stack.apps.api.get(Clock) as SystemClock).now();

    const lines: string[] = [];
    const say = (line: string) => lines.push(line);
    const admin = new ApiClient(stack.apiUrl, { email: adminAccount.email, password: adminAccount.password });
    await admin.signIn();
    const luggageArea = await prepareSimLuggageArea(admin, say);
    const crew = await prepareSimStaff(admin, stack.apiUrl, say, luggageArea ? [luggageArea] : []);
    await prepareOperations(admin, say, crew, now);
    // After the same-day cutoff its travellers book for tomorrow: each of its crew works tomorrow too.
    const tomorrow = DateTime.fromJSDate(now, { zone: 'Asia/Seoul' }).plus({ days: 1 }).set({ hour: 12, minute: 0 });
    const onTomorrow = await db.query<{ email: string }>(
      `SELECT u.email FROM shifts sh JOIN staff st ON st.id = sh.staff_id JOIN users u ON u.id = st.user_id
        WHERE sh.planned_start <= $1 AND sh.planned_end > $1 AND u.email LIKE 'sim-%'`,
      [tomorrow.toJSDate()],
    );
    expect(onTomorrow.rows.map((r) => r.email).sort()).toEqual(crew.map((a) => a.email).sort());
    const world = new World();
    const traffic = new LuggageTraffic(stack.apiUrl, world, 5, say, 3600, SIM_PLACE_PREFIX);
    await traffic.prepare(crew.filter((a) => a.kind === StaffKind.Courier));
    // About a booking a second of (stack) time: six travellers book.
    let t = now.getTime();
    while (world.tally.luggageBooked < 6 && t < now.getTime() + 60_000) {
      await traffic.tick(t);
      t += 1000;
    }
    traffic.close();
    expect(world.tally.luggageBooked).toBe(6);

    // Wait (bounded) for the planner to decide every one of them.
    let rows: Array<{ reference: string; status: string; at_risk: boolean; email: string | null }> = [];
    for (let k = 0; k < 80; k++) {
      rows = (
        await db.query<{ reference: string; status: string; at_risk: boolean; email: string | null }>(
          `SELECT b.reference, b.status, b.at_risk, u.email FROM luggage_bookings b
             LEFT JOIN staff s ON s.id = b.courier_staff_id LEFT JOIN users u ON u.id = s.user_id`,
        )
      ).rows;
      if (rows.length === 6 && rows.every((r) => r.status !== 'booked' || r.at_risk)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    if (!rows.some((r) => r.email))
      throw new Error(`nothing was planned: ${JSON.stringify(rows)}\n${lines.join('\n')}`);
    expect(rows.filter((r) => r.email && !r.email.startsWith('sim-'))).toEqual([]);

    // Signed in with the printed logins, the demo couriers have no simulated task.
    for (const courier of demoCouriers) {
      const token = (await signIn(stack.apiUrl, courier.email, courier.password)).accessToken;
      const tasks = await fetch(`${stack.apiUrl}/v1/luggage/courier/tasks`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(tasks.status).toBe(200);
      expect(await tasks.json()).toEqual([]);
    }

    // The simulator's area overlaps the real one, yet no person is sent into it: the travellers'
    // catalogue leaves it out (the board asks for it), and an address is looked up in the real area.
    const listed = async (query: string) =>
      ((await (await fetch(`${stack.apiUrl}/v1/areas${query}`)).json()) as Array<{ code: string }>).map((a) => a.code);
    expect(await listed('')).not.toContain('freelug-sim');
    expect(await listed('?simulation=include')).toContain('freelug-sim');
    const hotel = DEMO_PLACES.find((p) => p.code === 'h-grand-hyatt-incheon')!;
    const quote = await fetch(`${stack.apiUrl}/v1/luggage/quotes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        originAddress: { text: '인천 중구 영종해안남로 321', lat: hotel.lat, lng: hotel.lng },
        destination: 'icn-t1',
        bags: { carry_on: 0, suitcase: 1, oversize: 0 },
        flightNumber: 'KE123',
        flightAt: morning.set({ hour: 17 }).toISO(),
      }),
    });
    expect(quote.status).toBe(200);
    // An admin placing a new hotel on the map (no area given) gets the real area, not "ambiguous".
    const adminToken = (await signIn(stack.apiUrl, adminAccount.email, adminAccount.password)).accessToken;
    const placed = await fetch(`${stack.apiUrl}/v1/admin/places`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({
        code: 'h-new-airport-hotel',
        name: { ko: '새 공항 호텔', en: 'New Airport Hotel' },
        kind: 'hotel',
        lat: hotel.lat + 0.001,
        lng: hotel.lng,
        isStop: false,
      }),
    });
    expect(placed.status).toBe(201);
    expect(((await placed.json()) as { areaId: string }).areaId).toBe(area.id);
  }, 120_000);
});
