import { randomBytes } from 'node:crypto';
import { Global, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DateTime } from 'luxon';
import { DataSource, In } from 'typeorm';
import { ConfigModule } from '@app/config';
import {
  custodyLog,
  DatabaseModule,
  LuggageBookingEntity,
  PlaceEntity,
  ServiceAreaEntity,
  ShiftEntity,
  VehicleEntity,
  VehiclePlanEntity,
} from '@app/database';
import { Clock, CustodyEventType, LuggageDirection, LuggageStatus, SystemClock } from '@app/domain';
import { RealtimeModule, RealtimePublisher, Rooms } from '@app/realtime';
import { createTestContext, TestContext } from '../../../test/support/test-context';
import { LuggagePlanner } from './luggage-planner';
import { LuggagePlanningModule } from './luggage-planning.module';
import { FixtureBooking, generateLuggageDay } from './testing/luggage-day-fixture';

const clock = new SystemClock();

/** What an app gives the planner: the clock (here one the test sets to the service day). */
@Global()
@Module({ providers: [{ provide: Clock, useValue: clock }], exports: [Clock] })
class TestClockModule {}

describe('luggage planning of one day over the three seeded courier vans', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let ds: DataSource;
  let planner: LuggagePlanner;
  let areaId: string;
  let day: DateTime;
  let places: Map<string, PlaceEntity>;

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(ctx.config),
        DatabaseModule.forRoot(),
        RealtimeModule,
        TestClockModule,
        LuggagePlanningModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
    ds = app.get(DataSource);
    planner = app.get(LuggagePlanner);
    const area = await ds.getRepository(ServiceAreaEntity).findOneByOrFail({ code: 'freelug' });
    areaId = area.id;
    const shift = await ds.getRepository(ShiftEntity).findOneOrFail({ where: { areaId } });
    day = DateTime.fromJSDate(shift.plannedStart, { zone: 'Asia/Seoul' }).startOf('day');
    clock.setNow(day.set({ hour: 5 }).toJSDate());
    places = new Map((await ds.getRepository(PlaceEntity).findBy({ areaId })).map((p) => [p.code, p]));
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.dispose();
  });

  const insert = async (b: FixtureBooking): Promise<string> => {
    const repo = ds.getRepository(LuggageBookingEntity);
    const row = repo.create({
      reference: `FL-${randomBytes(3).toString('hex').toUpperCase()}`,
      areaId,
      status: LuggageStatus.Booked,
      direction: b.direction === 'to_airport' ? LuggageDirection.ToAirport : LuggageDirection.FromAirport,
      originPlaceId: places.get(b.origin)!.id,
      destinationPlaceId: places.get(b.destination)!.id,
      bagsCarryOn: b.bags.carry_on,
      bagsSuitcase: b.bags.suitcase,
      bagsOversize: b.bags.oversize,
      flightNumber: 'OZ101',
      flightAt: b.flightAt,
      serviceDate: day.toISODate()!,
      pickupWindowStart: b.pickupFrom,
      pickupWindowEnd: b.pickupTo,
      deliveryWindowStart: b.deliverFrom,
      deadlineAt: b.deadline,
      contactName: 'Test',
      contactPhone: '01000000000',
      contactEmail: 't@example.com',
      language: 'en',
      prohibitedItemsConfirmedAt: new Date(),
      pinHash: 'x'.repeat(64),
      trackingTokenHash: randomBytes(32).toString('hex'),
      priceKrw: 30000,
      priceRuleVersion: 1,
      createdAt: new Date(),
    });
    return (await repo.save(row)).id;
  };

  it('plans 40 bookings to meet every deadline, and flags the infeasible one without dropping it', async () => {
    const hotels = [...places.values()]
      .filter((p) => p.kind === 'hotel')
      .map((p) => ({ code: p.code, lat: p.lat, lng: p.lng }));
    const fixture = generateLuggageDay({ count: 40, seed: 1, day, hotels, pickupWindowH: 3 });
    const ids = [] as string[];
    for (const b of fixture) ids.push(await insert(b));

    // The infeasible one: the vans leave the Yeongjong hub at 06:00 and cannot be in Jamsil by 06:30.
    const impossible = await insert({
      id: 'impossible',
      origin: 'h-lotte-world',
      destination: 'icn-t2',
      direction: 'to_airport',
      bags: { carry_on: 0, suitcase: 1, oversize: 0 },
      flightAt: day.set({ hour: 15 }).toJSDate(),
      pickupFrom: day.set({ hour: 6 }).toJSDate(),
      pickupTo: day.set({ hour: 6, minute: 30 }).toJSDate(),
      deliverFrom: day.set({ hour: 6 }).toJSDate(),
      deadline: day.set({ hour: 12, minute: 30 }).toJSDate(),
    });

    // A new booking that cannot be placed is flagged at once: to dispatchers and on the traveller's link.
    const published = jest.spyOn(app.get(RealtimePublisher), 'publish');
    await planner.planBooking(impossible);
    expect(published).toHaveBeenCalledWith(
      expect.arrayContaining([Rooms.area(areaId), Rooms.admins(), Rooms.tracking(impossible)]),
      'luggage.at_risk',
      expect.objectContaining({ bookingId: impossible }),
    );
    published.mockRestore();
    let flagged = await ds.getRepository(LuggageBookingEntity).findOneByOrFail({ id: impossible });
    expect(flagged).toMatchObject({ atRisk: true, status: LuggageStatus.Booked, vehicleId: null });

    await planner.replanDay(areaId, day.toISODate()!, 5000);

    const rows = await ds.getRepository(LuggageBookingEntity).findBy({ id: In(ids) });
    expect(rows).toHaveLength(40);
    const vans = new Map((await ds.getRepository(VehicleEntity).findBy({ areaId })).map((v) => [v.id, v]));
    for (const b of rows) {
      expect({ ref: b.reference, status: b.status, atRisk: b.atRisk }).toEqual({
        ref: b.reference,
        status: LuggageStatus.Assigned,
        atRisk: false,
      });
      expect(vans.has(b.vehicleId!)).toBe(true);
      expect(b.plannedPickupAt!.getTime()).toBeGreaterThanOrEqual(b.pickupWindowStart.getTime() - 1000);
      expect(b.plannedPickupAt!.getTime()).toBeLessThanOrEqual(b.pickupWindowEnd.getTime() + 1000);
      expect(b.plannedDeliveryAt!.getTime()).toBeLessThanOrEqual(b.deadlineAt.getTime() + 1000);
      expect(b.plannedDeliveryAt!.getTime()).toBeGreaterThan(b.plannedPickupAt!.getTime());
    }
    expect(new Set(rows.map((b) => b.vehicleId)).size).toBeGreaterThan(1);

    // Never more bags in a van than it has slots (from the versioned plans the seam stores).
    const plans = await ds.getRepository(VehiclePlanEntity).findBy({ vehicleId: In([...vans.keys()]) });
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      for (const stop of plan.stops) expect(stop.loadAfter[1]).toBeLessThanOrEqual(vans.get(plan.vehicleId)!.bagSlots);
    }

    // Still flagged after the re-plan, still in the table, and its custody log says why.
    flagged = await ds.getRepository(LuggageBookingEntity).findOneByOrFail({ id: impossible });
    expect(flagged).toMatchObject({ atRisk: true, status: LuggageStatus.Booked, vehicleId: null });
    expect(flagged.atRiskReason).toMatch(/PICKUP_WINDOW|UNPLANNABLE|SHIFT_END|NO_VEHICLE/);
    const events = await custodyLog(ds.manager, impossible);
    expect(events.filter((e) => e.type === CustodyEventType.AtRisk)).toHaveLength(1);
  });
});
