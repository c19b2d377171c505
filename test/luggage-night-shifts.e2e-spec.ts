import { setTimeout as sleep } from 'node:timers/promises';
import { DateTime } from 'luxon';
import { DataSource, In, Not } from 'typeorm';
import {
  DEMO_ACCOUNTS,
  LuggageBookingEntity,
  ServiceAreaEntity,
  ShiftEntity,
  StaffEntity,
  UserEntity,
} from '@app/database';
import { Clock, ShiftStatus, StaffKind, SystemClock } from '@app/domain';
import { RunningStack, startStack } from './support/stack';
import { createTestContext, TestContext } from './support/test-context';

const courier1 = DEMO_ACCOUNTS.find((a) => a.staff?.kind === StaffKind.Courier)!;

async function api<T = Record<string, unknown>>(url: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

describe('Free-Lug at night: a van with a night shift and a day shift (with a break) is planned in both', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  let ds: DataSource;
  let day: DateTime;
  let vanId: string;

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    stack = await startStack(ctx);
    ds = stack.apps.api.get(DataSource);
    const area = await ds.getRepository(ServiceAreaEntity).findOneByOrFail({ code: 'freelug' });
    const user = await ds.getRepository(UserEntity).findOneByOrFail({ email: courier1.email });
    const staff = await ds.getRepository(StaffEntity).findOneByOrFail({ userId: user.id });
    const dayShift = await ds.getRepository(ShiftEntity).findOneByOrFail({ areaId: area.id, staffId: staff.id });
    day = DateTime.fromJSDate(dayShift.plannedStart, { zone: 'Asia/Seoul' }).startOf('day');
    vanId = dayShift.vehicleId;
    // Only courier1's van works today: a night shift 01:38–05:59, then the seeded 06:00–22:00
    // one, with a break 10:00–10:30.
    await ds
      .getRepository(ShiftEntity)
      .update({ areaId: area.id, id: Not(dayShift.id) }, { status: ShiftStatus.Cancelled });
    const at = (h: number, m = 0) => day.set({ hour: h, minute: m }).toJSDate();
    await ds
      .getRepository(ShiftEntity)
      .update({ id: dayShift.id }, { breaks: [{ start: at(10).toISOString(), end: at(10, 30).toISOString() }] });
    await ds.getRepository(ShiftEntity).insert({
      staffId: staff.id,
      vehicleId: vanId,
      areaId: area.id,
      plannedStart: at(1, 38),
      plannedEnd: at(5, 59),
      status: ShiftStatus.Planned,
      breaks: [],
    });
    expect(await ds.getRepository(ShiftEntity).countBy({ vehicleId: vanId, status: In([ShiftStatus.Planned]) })).toBe(
      2,
    );
    const now = at(1);
    (stack.apps.api.get(Clock) as SystemClock).setNow(now);
    (stack.apps.dispatcher.get(Clock) as SystemClock).setNow(now);
  });

  afterAll(async () => {
    await stack?.close();
    await ctx?.dispose();
  });

  it("assigns a booking made at 01:00 for a 07:00 pickup to the van's day shift, with no SHIFT_END flag", async () => {
    const quoteBody = {
      origin: 'h-grand-hyatt-incheon',
      destination: 'icn-t1',
      bags: { carry_on: 1, suitcase: 1, oversize: 0 },
      flightNumber: 'KE123',
      flightAt: day.set({ hour: 12 }).toISO()!,
    };
    const quote = await api<{ quoteToken: string }>(`${stack.apiUrl}/v1/luggage/quotes`, quoteBody);
    expect(quote.status).toBe(200);
    const created = await api<{ id: string }>(`${stack.apiUrl}/v1/luggage/bookings`, {
      ...quoteBody,
      quoteToken: quote.body.quoteToken,
      contact: { name: 'Mina Park', phone: '+82 10-2345-6789', email: 'mina@example.com' },
      language: 'ko',
      prohibitedItemsConfirmed: true,
    });
    expect(created.status).toBe(201);
    const repo = ds.getRepository(LuggageBookingEntity);
    let booking = await repo.findOneByOrFail({ id: created.body.id });
    expect(booking.pickupWindowStart.getTime()).toBe(day.set({ hour: 7 }).toMillis());
    // The planner runs in the dispatcher: wait (bounded) until it has decided.
    for (let k = 0; k < 100 && booking.status === 'booked' && !booking.atRisk; k++) {
      await sleep(100);
      booking = await repo.findOneByOrFail({ id: created.body.id });
    }
    expect(booking.atRiskReason).toBeNull();
    expect(booking).toMatchObject({ status: 'assigned', atRisk: false, vehicleId: vanId });
    expect(booking.plannedPickupAt!.getTime()).toBeGreaterThanOrEqual(day.set({ hour: 7 }).toMillis());
    expect(booking.plannedDeliveryAt!.getTime()).toBeLessThanOrEqual(booking.deadlineAt.getTime());
  });
});
