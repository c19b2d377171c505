import { ArgumentsHost } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { computeRouteSchedule, createHaversineProvider, insertRequest } from '@app/dispatch';
import {
  createDataSource,
  lockAreaPlanning,
  RideEntity,
  ShiftEntity,
  VehicleEntity,
  VehicleLiveStateEntity,
  VehiclePlanEntity,
} from '@app/database';
import { DomainError, RideStatus, RideTimeMode, ShiftStatus } from '@app/domain';
import { ProblemFilter } from '@app/http';
import { createTestContext, TestContext } from '../../../../test/support/test-context';
import { loadFleetSnapshot, PlanVersionConflict, removeRideStops, rideTask, savePlan } from '@app/planning';

describe('fleet planning seam on real PostgreSQL', () => {
  let ctx: TestContext;
  let ds: DataSource;
  let areaId: string;
  let van: VehicleEntity;
  const now = new Date();
  const provider = createHaversineProvider();

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    ds = await createDataSource(ctx.config.database.url).initialize();
    areaId = (await ds.query<{ id: string }[]>(`SELECT id FROM service_areas WHERE code = 'geomdan'`))[0].id;
    van = await ds.getRepository(VehicleEntity).findOneByOrFail({ plate: '인천 70바 1201' });
    const shift = await ds.getRepository(ShiftEntity).findOneByOrFail({ vehicleId: van.id });
    await ds.getRepository(ShiftEntity).update(shift.id, {
      status: ShiftStatus.Active,
      plannedStart: new Date(now.getTime() - 3_600_000),
      plannedEnd: new Date(now.getTime() + 8 * 3_600_000),
    });
    await ds
      .getRepository(VehicleLiveStateEntity)
      .save({ vehicleId: van.id, areaId, shiftId: shift.id, driverUserId: null, online: true });
  });

  afterAll(async () => {
    await ds?.destroy();
    await ctx?.dispose();
  });

  const stop = async (code: string) =>
    (await ds.query<{ id: string }[]>('SELECT id FROM places WHERE code = $1', [code]))[0].id;

  it("keeps a van's plan feasible when a promise is already running late, and lets nothing make it later", async () => {
    const rider = (await ds.query<{ id: string }[]>(`SELECT id FROM users WHERE role = 'rider' LIMIT 1`))[0].id;
    const late = await ds.getRepository(RideEntity).save({
      areaId,
      riderUserId: rider,
      bookedByUserId: rider,
      channel: 'app' as const,
      pickupPlaceId: await stop('gd-f-logistics'),
      dropoffPlaceId: await stop('gd-oryu-stn'),
      passengers: 2,
      needs: [],
      timeMode: RideTimeMode.Now,
      requestedTime: new Date(now.getTime() - 40 * 60_000),
      status: RideStatus.Assigned,
      version: 2,
      // Promised to be picked up by 20 minutes ago: the van is late.
      promisedPickupFrom: new Date(now.getTime() - 40 * 60_000),
      promisedPickupTo: new Date(now.getTime() - 20 * 60_000),
      maxRideS: 900,
      vehicleId: van.id,
      alternatives: [],
    });
    await savePlan(ds.manager, areaId, van.id, 0, [
      {
        taskId: late.id,
        kind: 'pickup',
        placeId: late.pickupPlaceId,
        arrival: now.toISOString(),
        serviceStart: now.toISOString(),
        departure: now.toISOString(),
        loadAfter: [2, 0, 0],
      },
      {
        taskId: late.id,
        kind: 'dropoff',
        placeId: late.dropoffPlaceId,
        arrival: now.toISOString(),
        serviceStart: now.toISOString(),
        departure: now.toISOString(),
        loadAfter: [0, 0, 0],
      },
    ]);
    const extra = [await stop('gd-main-gate'), await stop('gd-f-hanbit')];
    const snapshot = await loadFleetSnapshot(ds.manager, {
      areaId,
      now,
      serviceTimeS: 60,
      provider,
      tasks: [rideTask(late)],
      extraPlaceIds: extra,
    });
    expect(snapshot.state.vehicles.map((v) => v.id)).toEqual([van.id]);
    const current = computeRouteSchedule(snapshot.state, van.id, snapshot.state.routes[van.id]);
    expect(current.feasible).toBe(true);
    const latePickup = current.feasible ? current.route.stops[0].serviceStart : NaN;

    // A newcomer whose best place would be before the late rider must not delay them further.
    const newcomer = {
      id: 'newcomer',
      pickupPlaceId: extra[0],
      dropoffPlaceId: extra[1],
      load: [1, 0, 0] as [number, number, number],
      features: [],
      pickupWindow: { from: now, to: new Date(now.getTime() + 15 * 60_000) },
      maxRideS: 1200,
      vehicleId: null,
      pickedUpAt: null,
    };
    snapshot.tasks.set(newcomer.id, newcomer);
    const outcome = insertRequest(snapshot.state, snapshot.request(newcomer));
    if (outcome.accepted) {
      const after = outcome.route.stops.find((s) => s.requestId === late.id && s.kind === 'pickup')!;
      expect(after.serviceStart).toBeLessThanOrEqual(latePickup + 1);
    }
  });

  it('lets an empty van waiting for a later pickup serve a new request first', async () => {
    const van2 = await ds.getRepository(VehicleEntity).findOneByOrFail({ plate: '인천 70바 1202' });
    const shift = await ds.getRepository(ShiftEntity).findOneByOrFail({ vehicleId: van2.id });
    await ds.getRepository(ShiftEntity).update(shift.id, {
      status: ShiftStatus.Active,
      plannedStart: new Date(now.getTime() - 3_600_000),
      plannedEnd: new Date(now.getTime() + 8 * 3_600_000),
    });
    await ds
      .getRepository(VehicleLiveStateEntity)
      .save({ vehicleId: van2.id, areaId, shiftId: shift.id, driverUserId: null, online: true });
    // Van 1 goes off line for this case, so van 2 is the only choice.
    await ds.getRepository(VehicleLiveStateEntity).update(van.id, { online: false });
    try {
      const rider = (await ds.query<{ id: string }[]>(`SELECT id FROM users WHERE role = 'rider' LIMIT 1`))[0].id;
      const later = await ds.getRepository(RideEntity).save({
        areaId,
        riderUserId: rider,
        bookedByUserId: rider,
        channel: 'app' as const,
        pickupPlaceId: await stop('gd-east-gate'),
        dropoffPlaceId: await stop('gd-office'),
        passengers: 1,
        needs: [],
        timeMode: RideTimeMode.DepartAt,
        requestedTime: new Date(now.getTime() + 45 * 60_000),
        status: RideStatus.Assigned,
        version: 2,
        promisedPickupFrom: new Date(now.getTime() + 45 * 60_000),
        promisedPickupTo: new Date(now.getTime() + 60 * 60_000),
        maxRideS: 900,
        vehicleId: van2.id,
        alternatives: [],
      });
      const iso = now.toISOString();
      await savePlan(ds.manager, areaId, van2.id, 0, [
        {
          taskId: later.id,
          kind: 'pickup',
          placeId: later.pickupPlaceId,
          arrival: iso,
          serviceStart: iso,
          departure: iso,
          loadAfter: [1, 0, 0],
        },
        {
          taskId: later.id,
          kind: 'dropoff',
          placeId: later.dropoffPlaceId,
          arrival: iso,
          serviceStart: iso,
          departure: iso,
          loadAfter: [0, 0, 0],
        },
      ]);
      const extra = [await stop('gd-main-gate'), await stop('gd-f-hanbit')];
      const snapshot = await loadFleetSnapshot(ds.manager, {
        areaId,
        now,
        serviceTimeS: 60,
        provider,
        tasks: [rideTask(later)],
        extraPlaceIds: extra,
      });
      expect(snapshot.state.vehicles.map((v) => [v.id, v.committedNextStop])).toEqual([[van2.id, undefined]]);
      const newcomer = {
        id: 'now-rider',
        pickupPlaceId: extra[0],
        dropoffPlaceId: extra[1],
        load: [1, 0, 0] as [number, number, number],
        features: [],
        pickupWindow: { from: now, to: new Date(now.getTime() + 15 * 60_000) },
        maxRideS: 1200,
        vehicleId: null,
        pickedUpAt: null,
      };
      snapshot.tasks.set(newcomer.id, newcomer);
      const outcome = insertRequest(snapshot.state, snapshot.request(newcomer));
      expect(outcome.accepted).toBe(true);
      if (outcome.accepted)
        expect(outcome.route.stops.map((s) => `${s.requestId}:${s.kind}`)).toEqual([
          'now-rider:pickup',
          'now-rider:dropoff',
          `${later.id}:pickup`,
          `${later.id}:dropoff`,
        ]);
    } finally {
      await ds.getRepository(VehicleLiveStateEntity).update(van.id, { online: true });
    }
  });

  it('refuses to write a plan from a stale version', async () => {
    const version = (
      await ds.query<{ version: number }[]>('SELECT version FROM vehicle_plans WHERE vehicle_id = $1', [van.id])
    )[0].version;
    const next = await savePlan(ds.manager, areaId, van.id, version, []);
    expect(next).toBe(version + 1);
    await expect(savePlan(ds.manager, areaId, van.id, version, [])).rejects.toBeInstanceOf(PlanVersionConflict);
  });

  it("reports a stale plan version as 409 PLAN_CHANGED, also from the api's stop removal", async () => {
    const version = (
      await ds.query<{ version: number }[]>('SELECT version FROM vehicle_plans WHERE vehicle_id = $1', [van.id])
    )[0].version;
    const stale = await savePlan(ds.manager, areaId, van.id, version - 1, []).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(DomainError);
    expect(stale).toMatchObject({ code: 'PLAN_CHANGED', category: 'conflict' });
    const sent = { status: 0, body: {} as Record<string, unknown> };
    const response = {
      headersSent: false,
      setHeader: () => undefined,
      status: (c: number) => ((sent.status = c), response),
      json: (b: Record<string, unknown>) => (sent.body = b),
    };
    const host = {
      switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ id: 'r', method: 'POST', url: '/x' }) }),
    } as unknown as ArgumentsHost;
    new ProblemFilter().catch(stale, host);
    expect(sent.status).toBe(409);
    expect(sent.body.code).toBe('PLAN_CHANGED');

    // removeRideStops (api) read the plan before someone else re-planned the van: same 409.
    const iso = now.toISOString();
    const stop = {
      taskId: 'r1',
      kind: 'pickup' as const,
      placeId: van.homePlaceId ?? 'x',
      arrival: iso,
      serviceStart: iso,
      departure: iso,
      loadAfter: [1, 0, 0] as [number, number, number],
    };
    const current = await savePlan(ds.manager, areaId, van.id, version, [stop]);
    const readEarlier = {
      ...(await ds.getRepository(VehiclePlanEntity).findOneByOrFail({ vehicleId: van.id })),
      version: current - 1,
    };
    const staleReader = Object.create(ds.manager, {
      getRepository: {
        value: (entity: unknown) =>
          entity === VehiclePlanEntity
            ? { findOneBy: () => Promise.resolve(readEarlier) }
            : ds.manager.getRepository(entity as typeof VehiclePlanEntity),
      },
    }) as EntityManager;
    await expect(removeRideStops(staleReader, van.id, 'r1', ['pickup'])).rejects.toMatchObject({
      code: 'PLAN_CHANGED',
      category: 'conflict',
    });
    expect((await ds.getRepository(VehiclePlanEntity).findOneByOrFail({ vehicleId: van.id })).stops).toHaveLength(1);
    // A fresh read removes the stop and bumps the version.
    const after = await removeRideStops(ds.manager, van.id, 'r1', ['pickup']);
    expect(after).toMatchObject({ version: current + 1, stops: [] });
  });

  it('serialises two planners of one area on the advisory lock', async () => {
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((r) => (releaseFirst = r));
    let firstLocked!: () => void;
    const locked = new Promise<void>((r) => (firstLocked = r));
    const first = ds.transaction(async (em) => {
      await lockAreaPlanning(em, areaId);
      firstLocked();
      await firstHolds;
      order.push('first done');
    });
    await locked;
    const second = ds.transaction(async (em) => {
      await lockAreaPlanning(em, areaId);
      order.push('second locked');
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(order).toEqual([]);
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['first done', 'second locked']);
  });
});
