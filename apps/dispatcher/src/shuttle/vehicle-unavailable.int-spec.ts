import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, In } from 'typeorm';
import {
  custodyLog,
  LuggageBookingEntity,
  OutboxMessageEntity,
  PlaceEntity,
  RideEntity,
  ServiceAreaEntity,
  ShiftEntity,
  VehicleEntity,
  VehicleLiveStateEntity,
  VehiclePlanEntity,
} from '@app/database';
import {
  Clock,
  CustodyEventType,
  LuggageDirection,
  LuggageStatus,
  RideStatus,
  RideTimeMode,
  ShiftStatus,
  SystemClock,
} from '@app/domain';
import { LuggagePlanner, savePlan } from '@app/planning';
import { DispatchJob } from '@app/queues';
import { createTestContext, TestContext } from '../../../../test/support/test-context';
import { createDispatcherApp } from '../dispatcher.app';
import { VehicleUnavailableHandler } from './vehicle-unavailable.handler';

describe('a van becomes unavailable (VehicleUnavailable job)', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let ds: DataSource;
  let handler: VehicleUnavailableHandler;

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    app = await createDispatcherApp(ctx.config);
    await app.init();
    ds = app.get(DataSource);
    handler = app.get(VehicleUnavailableHandler);
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.dispose();
  });

  describe('a courier van (luggage)', () => {
    let areaId: string;
    let day: DateTime;
    let places: Map<string, PlaceEntity>;
    let planner: LuggagePlanner;

    beforeAll(async () => {
      planner = app.get(LuggagePlanner);
      areaId = (await ds.getRepository(ServiceAreaEntity).findOneByOrFail({ code: 'freelug' })).id;
      const shift = await ds.getRepository(ShiftEntity).findOneOrFail({ where: { areaId } });
      day = DateTime.fromJSDate(shift.plannedStart, { zone: 'Asia/Seoul' }).startOf('day');
      (app.get(Clock) as SystemClock).setNow(day.set({ hour: 5 }).toJSDate());
      places = new Map((await ds.getRepository(PlaceEntity).findBy({ areaId })).map((p) => [p.code, p]));
    });

    const book = async (origin: string, pickupHour: number): Promise<string> => {
      const repo = ds.getRepository(LuggageBookingEntity);
      const row = await repo.save(
        repo.create({
          reference: `FL-${randomBytes(3).toString('hex').toUpperCase()}`,
          areaId,
          status: LuggageStatus.Booked,
          direction: LuggageDirection.ToAirport,
          originPlaceId: places.get(origin)!.id,
          destinationPlaceId: places.get('icn-t1')!.id,
          bagsCarryOn: 0,
          bagsSuitcase: 1,
          bagsOversize: 0,
          flightNumber: 'OZ101',
          flightAt: day.set({ hour: 20 }).toJSDate(),
          serviceDate: day.toISODate()!,
          pickupWindowStart: day.set({ hour: pickupHour }).toJSDate(),
          pickupWindowEnd: day.set({ hour: pickupHour + 3 }).toJSDate(),
          deliveryWindowStart: day.set({ hour: pickupHour }).toJSDate(),
          deadlineAt: day.set({ hour: 17, minute: 30 }).toJSDate(),
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
        }),
      );
      await planner.planBooking(row.id);
      return row.id;
    };
    const booking = (id: string) => ds.getRepository(LuggageBookingEntity).findOneByOrFail({ id });
    const planOf = async (vehicleId: string) =>
      (await ds.getRepository(VehiclePlanEntity).findOneBy({ vehicleId }))?.stops.map((s) => s.taskId) ?? [];
    const replanJobs = () => ds.getRepository(OutboxMessageEntity).findBy({ jobName: DispatchJob.ReplanLuggageDay });

    it('leaves the plan alone when the van is back in service before the job runs', async () => {
      const id = await book('h-lotte-seoul', 9);
      const planned = await booking(id);
      expect(planned).toMatchObject({ status: LuggageStatus.Assigned });
      const jobsBefore = (await replanJobs()).length;
      // Taken out of service and straight back in: the job arrives late.
      await handler.handle({ vehicleId: planned.vehicleId!, reason: 'out_of_service' });
      expect(await booking(id)).toMatchObject({
        status: LuggageStatus.Assigned,
        vehicleId: planned.vehicleId,
        version: planned.version,
      });
      expect(await planOf(planned.vehicleId!)).toContain(id);
      expect(await replanJobs()).toHaveLength(jobsBefore);
    });

    it('re-plans the bookings of a van taken out of service onto other vans; bags on board stay with it', async () => {
      const id = await book('h-westin-josun', 10);
      const before = await booking(id);
      expect(before.status).toBe(LuggageStatus.Assigned);
      const vanId = before.vehicleId!;
      expect(await planOf(vanId)).toContain(id);
      // A second booking of that van whose bags are already on board.
      const onBoardId = await book('h-lotte-seoul', 8);
      await ds
        .getRepository(LuggageBookingEntity)
        .update(onBoardId, { vehicleId: vanId, status: LuggageStatus.PickedUp });
      const onBoard = await booking(onBoardId);
      const plan = await ds.getRepository(VehiclePlanEntity).findOneByOrFail({ vehicleId: vanId });
      const iso = day.set({ hour: 12 }).toJSDate().toISOString();
      await savePlan(ds.manager, areaId, vanId, plan.version, [
        ...plan.stops.filter((s) => s.taskId !== onBoardId),
        {
          taskId: onBoardId,
          kind: 'dropoff',
          placeId: onBoard.destinationPlaceId,
          arrival: iso,
          serviceStart: iso,
          departure: iso,
          loadAfter: [0, 0, 0],
        },
      ]);

      await ds.getRepository(VehicleEntity).update(vanId, { inService: false });
      await handler.handle({ vehicleId: vanId, reason: 'out_of_service' });

      // Nothing but the bags on board remains planned on the van, and the day re-plan is queued.
      expect(await planOf(vanId)).toEqual([onBoardId]);
      const released = await booking(id);
      expect(released.vehicleId).not.toBe(vanId);
      expect(await booking(onBoardId)).toMatchObject({ vehicleId: vanId, status: LuggageStatus.PickedUp });
      const jobs = await replanJobs();
      expect(
        jobs.some(
          (j) =>
            (j.payload as { serviceDate: string }).serviceDate === day.toISODate() &&
            (j.payload as { areaId: string }).areaId === areaId,
        ),
      ).toBe(true);
      const events = await custodyLog(ds.manager, id, CustodyEventType.Unassigned);
      expect(events).toHaveLength(1);

      // The queued day re-plan puts it on another van (or flags it at risk), never back on this one.
      await planner.replanDay(areaId, day.toISODate()!, 500);
      const after = await booking(id);
      expect(after.vehicleId).not.toBe(vanId);
      if (after.atRisk) expect(after.status).toBe(LuggageStatus.Booked);
      else expect(after).toMatchObject({ status: LuggageStatus.Assigned });
      expect(after.vehicleId !== null || after.atRisk).toBe(true);
      expect(await planOf(vanId)).not.toContain(id);
      await ds.getRepository(VehicleEntity).update(vanId, { inService: true });
    });
  });

  describe('a shuttle van', () => {
    it('keeps its riders when the driver is back on line before the job runs, and releases them when still off line', async () => {
      (app.get(Clock) as SystemClock).setNow(new Date());
      const now = new Date();
      const areaId = (await ds.getRepository(ServiceAreaEntity).findOneByOrFail({ code: 'geomdan' })).id;
      const van = await ds.getRepository(VehicleEntity).findOneByOrFail({ plate: '인천 70바 1201' });
      const shift = await ds.getRepository(ShiftEntity).findOneByOrFail({ vehicleId: van.id });
      await ds.getRepository(ShiftEntity).update(shift.id, {
        status: ShiftStatus.Active,
        plannedStart: new Date(now.getTime() - 3_600_000),
        plannedEnd: new Date(now.getTime() + 8 * 3_600_000),
      });
      await ds
        .getRepository(VehicleLiveStateEntity)
        .save({ vehicleId: van.id, areaId, shiftId: shift.id, driverUserId: null, online: true });
      const stop = async (code: string) =>
        (await ds.query<{ id: string }[]>('SELECT id FROM places WHERE code = $1', [code]))[0].id;
      const rider = (await ds.query<{ id: string }[]>(`SELECT id FROM users WHERE role = 'rider' LIMIT 1`))[0].id;
      const ride = await ds.getRepository(RideEntity).save({
        areaId,
        riderUserId: rider,
        bookedByUserId: rider,
        channel: 'app' as const,
        pickupPlaceId: await stop('gd-east-gate'),
        dropoffPlaceId: await stop('gd-office'),
        passengers: 1,
        needs: [],
        timeMode: RideTimeMode.DepartAt,
        requestedTime: new Date(now.getTime() + 30 * 60_000),
        status: RideStatus.Assigned,
        version: 2,
        promisedPickupFrom: new Date(now.getTime() + 30 * 60_000),
        promisedPickupTo: new Date(now.getTime() + 45 * 60_000),
        maxRideS: 900,
        vehicleId: van.id,
        alternatives: [],
      });
      const iso = new Date(now.getTime() + 30 * 60_000).toISOString();
      const version = (await ds.getRepository(VehiclePlanEntity).findOneBy({ vehicleId: van.id }))?.version ?? 0;
      await savePlan(ds.manager, areaId, van.id, version, [
        {
          taskId: ride.id,
          kind: 'pickup',
          placeId: ride.pickupPlaceId,
          arrival: iso,
          serviceStart: iso,
          departure: iso,
          loadAfter: [1, 0, 0],
        },
        {
          taskId: ride.id,
          kind: 'dropoff',
          placeId: ride.dropoffPlaceId,
          arrival: iso,
          serviceStart: iso,
          departure: iso,
          loadAfter: [0, 0, 0],
        },
      ]);
      const stopsOf = async () =>
        (await ds.getRepository(VehiclePlanEntity).findOneByOrFail({ vehicleId: van.id })).stops.map((s) => s.taskId);

      // Off line, then on line again, before the job ran: nothing happens.
      await handler.handle({ vehicleId: van.id, reason: 'offline' });
      expect(await ds.getRepository(RideEntity).findOneByOrFail({ id: ride.id })).toMatchObject({
        status: RideStatus.Assigned,
        vehicleId: van.id,
      });
      expect(await stopsOf()).toEqual([ride.id, ride.id]);

      // Still off line when it runs: the rider leaves the van (another van or rejected with a reason).
      await ds.getRepository(VehicleLiveStateEntity).update(van.id, { online: false });
      await handler.handle({ vehicleId: van.id, reason: 'offline' });
      const after = await ds.getRepository(RideEntity).findOneByOrFail({ id: ride.id });
      expect(after.vehicleId).not.toBe(van.id);
      expect([RideStatus.Assigned, RideStatus.Rejected]).toContain(after.status);
      expect(await stopsOf()).toEqual([]);
      const others = await ds.getRepository(VehiclePlanEntity).findBy({ vehicleId: In([after.vehicleId ?? van.id]) });
      if (after.status === RideStatus.Assigned) expect(others[0].stops.map((s) => s.taskId)).toContain(ride.id);
    });
  });
});
