import { DateTime } from 'luxon';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS, ServiceAreaEntity, ShiftEntity } from '@app/database';
import { Clock, StaffKind, SystemClock } from '@app/domain';
import { LuggageTraffic } from '../apps/simulator/src/luggage';
import { World } from '../apps/simulator/src/world';
import { RunningStack } from './support/stack';
import { SeededStack, startSeededStack } from './support/seeded-stack';

/**
 * The simulator's travellers and couriers against the whole stack: a booking is quoted and made,
 * planned, and its courier sets off, picks up with photos and tags, goes in transit and hands over
 * with the PIN. The stack's clock and the simulator's steps run on a test clock from 08:00 of the
 * seeded day (luggage rules are local-time rules), moving 5 minutes per step.
 */
describe('live simulator: Free-Lug travellers and couriers', () => {
  let seeded: SeededStack;
  let stack: RunningStack;
  let db: Client;

  beforeAll(async () => {
    seeded = await startSeededStack('sim-luggage-');
    ({ stack, db } = seeded);
  });

  afterAll(async () => {
    await seeded?.close();
  });

  it('carries bags from booking to PIN handover', async () => {
    const ds = stack.apps.api.get(DataSource);
    const area = await ds.getRepository(ServiceAreaEntity).findOneByOrFail({ code: 'freelug' });
    const shift = await ds.getRepository(ShiftEntity).findOneOrFail({ where: { areaId: area.id } });
    let t = DateTime.fromJSDate(shift.plannedStart, { zone: 'Asia/Seoul' }).startOf('day').set({ hour: 7, minute: 30 });
    const setNow = (at: DateTime) => {
      (stack.apps.api.get(Clock) as SystemClock).setNow(at.toJSDate());
      (stack.apps.dispatcher.get(Clock) as SystemClock).setNow(at.toJSDate());
    };
    const world = new World();
    const lines: string[] = [];
    const traffic = new LuggageTraffic(stack.apiUrl, world, 11, (l) => lines.push(l), 2);
    // The seeded couriers' shifts are the ones planned here; the live simulator brings its own.
    await traffic.prepare(DEMO_ACCOUNTS.filter((a) => a.staff?.kind === StaffKind.Courier));
    const end = t.set({ hour: 20 });
    while (world.tally.luggageDelivered < 1 && t < end) {
      setNow(t);
      await traffic.tick(t.toMillis());
      // Let the dispatcher plan new bookings before the next step.
      await new Promise((r) => setTimeout(r, 300));
      await traffic.tick(t.plus({ seconds: 11 }).toMillis());
      t = t.plus({ minutes: 5 });
    }
    if (world.tally.luggageDelivered < 1)
      throw new Error(`nothing delivered by ${t.toISO()}: ${world.summary()}\n${lines.join('\n')}`);
    expect(world.tally.luggageBooked).toBeGreaterThanOrEqual(1);
    const steps = await db.query<{ type: string }>(
      `SELECT type FROM custody_events WHERE booking_id = (SELECT id FROM luggage_bookings WHERE status = 'delivered' LIMIT 1) ORDER BY at, id`,
    );
    expect(steps.rows.map((r) => r.type)).toEqual(
      expect.arrayContaining(['booked', 'assigned', 'courier_en_route', 'picked_up', 'in_transit', 'delivered']),
    );
  }, 180_000);
});
