import { EntityManager, In, IsNull, Not } from 'typeorm';
import {
  LatLng,
  LiveState,
  matrixFromRows,
  OnBoardRider,
  RoutePlan,
  StopRef,
  TransportRequest,
  TravelTimeProvider,
  Vehicle,
} from '@app/dispatch';
import {
  PlaceEntity,
  PlannedStopRecord,
  ShiftEntity,
  VehicleEntity,
  VehicleLiveStateEntity,
  VehiclePlanEntity,
} from '@app/database';
import { DomainError, Interval, ShiftStatus, ShuttleErrorCode, workingStretch } from '@app/domain';

/** Load dimensions shared by every service: [seats, bags, wheelchairs]. */
export type LoadVector = [number, number, number];

/**
 * What the planner needs of a task (a shuttle ride, a luggage job), independent of its table.
 * A task with `pickedUpAt` set is on board of `vehicleId`.
 */
export interface PlanningTask {
  id: string;
  pickupPlaceId: string;
  dropoffPlaceId: string;
  load: LoadVector;
  features: readonly string[];
  /** The promised (or requested) window for the start of the pickup. */
  pickupWindow: { from: Date; to: Date };
  dropoffWindow?: { from: Date; to: Date } | null;
  maxRideS: number | null;
  vehicleId: string | null;
  pickedUpAt: Date | null;
  /** The van is standing at this task's pickup (arrived, waiting for the rider). */
  vehicleAtPickup?: boolean;
}

export interface FleetVehicle {
  id: string;
  label: string;
  plate: string;
  shiftId: string;
  driverUserId: string | null;
  capacity: LoadVector;
  features: string[];
  shiftEnd: Date;
  /** The shift's planned breaks: no work is planned across them. */
  breaks: Interval[];
  planVersion: number;
  /** Task ids in plan order, as persisted. */
  planned: PlannedStopRecord[];
}

/** The live state of one area in engine form, with the maps to translate results back. */
export class FleetSnapshot {
  constructor(
    readonly areaId: string,
    readonly now: Date,
    readonly serviceTimeS: number,
    readonly vehicles: FleetVehicle[],
    readonly tasks: Map<string, PlanningTask>,
    readonly placeIndex: Map<string, number>,
    readonly placeOfLocation: (string | null)[],
    readonly state: LiveState,
  ) {}

  /** Engine time (seconds from `now`) of an instant. */
  t(date: Date): number {
    return (date.getTime() - this.now.getTime()) / 1000;
  }

  date(t: number): Date {
    return new Date(this.now.getTime() + Math.round(t * 1000));
  }

  vehicle(id: string): FleetVehicle | undefined {
    return this.vehicles.find((v) => v.id === id);
  }

  travelSeconds(fromPlaceId: string, toPlaceId: string): number {
    const a = this.placeIndex.get(fromPlaceId);
    const b = this.placeIndex.get(toPlaceId);
    if (a === undefined || b === undefined) throw new Error('place not in the snapshot');
    return this.state.travel.time[a * this.state.travel.size + b];
  }

  /** A task as an engine request (windows relative to now). */
  request(task: PlanningTask, relaxPickupTo = -Infinity, relaxMaxRide = 0): TransportRequest {
    const pickupTo = Math.max(this.t(task.pickupWindow.to), relaxPickupTo);
    return {
      id: task.id,
      pickup: {
        location: this.placeIndex.get(task.pickupPlaceId)!,
        window: { earliest: this.t(task.pickupWindow.from), latest: pickupTo },
        serviceTime: this.serviceTimeS,
      },
      dropoff: {
        location: this.placeIndex.get(task.dropoffPlaceId)!,
        window: task.dropoffWindow
          ? { earliest: this.t(task.dropoffWindow.from), latest: this.t(task.dropoffWindow.to) }
          : { earliest: -Infinity, latest: Infinity },
        serviceTime: this.serviceTimeS,
      },
      load: task.load,
      maxRideTime: task.maxRideS === null ? undefined : Math.max(task.maxRideS, relaxMaxRide),
      requiredFeatures: task.features,
    };
  }

  /** Persisted form of an engine route. */
  records(route: RoutePlan): PlannedStopRecord[] {
    return route.stops.map((s) => {
      const task = this.tasks.get(s.requestId)!;
      return {
        taskId: s.requestId,
        kind: s.kind,
        placeId: s.kind === 'pickup' ? task.pickupPlaceId : task.dropoffPlaceId,
        arrival: this.date(s.arrival).toISOString(),
        serviceStart: this.date(s.serviceStart).toISOString(),
        departure: this.date(s.departure).toISOString(),
        loadAfter: [...s.loadAfter],
      };
    });
  }
}

/** An empty van that must leave for its next pickup within this many seconds is committed to it. */
const COMMIT_SLACK_S = 120;

export interface LoadFleetOptions {
  areaId: string;
  now: Date;
  serviceTimeS: number;
  provider: TravelTimeProvider;
  /** Active tasks of the area (not yet picked up with a vehicle, or on board). */
  tasks: PlanningTask[];
  /** A task being placed now: its places join the matrix, it does not join the state. */
  extraPlaceIds?: string[];
  /** Vehicles to leave out (a van going off line). */
  excludeVehicleIds?: string[];
}

/**
 * Reads the vans on shift and on line in an area (position, plan, riders on board) and builds
 * the engine's LiveState. Promises already running late are relaxed to the current estimate so
 * the present plan stays feasible; nothing new may make them later still.
 */
export async function loadFleetSnapshot(em: EntityManager, options: LoadFleetOptions): Promise<FleetSnapshot> {
  const { areaId, now } = options;
  const live = await em
    .getRepository(VehicleLiveStateEntity)
    .find({ where: { areaId, online: true, shiftId: Not(IsNull()) } });
  const excluded = new Set(options.excludeVehicleIds ?? []);
  const liveById = new Map(live.filter((l) => !excluded.has(l.vehicleId)).map((l) => [l.vehicleId, l]));
  const ids = [...liveById.keys()];
  // One after the other: a transaction is one connection, which runs one query at a time.
  const vehicleRows = ids.length ? await em.getRepository(VehicleEntity).findBy({ id: In(ids), inService: true }) : [];
  const shiftRows = ids.length
    ? await em
        .getRepository(ShiftEntity)
        .findBy({ id: In(ids.map((id) => liveById.get(id)!.shiftId!)), status: ShiftStatus.Active })
    : [];
  const planRows = ids.length ? await em.getRepository(VehiclePlanEntity).findBy({ vehicleId: In(ids) }) : [];
  const shiftById = new Map(shiftRows.map((s) => [s.id, s]));
  const planById = new Map(planRows.map((p) => [p.vehicleId, p]));
  const taskById = new Map(options.tasks.map((t) => [t.id, t]));

  const vehicles: (FleetVehicle & { row: VehicleEntity; live: VehicleLiveStateEntity })[] = [];
  for (const row of vehicleRows.sort((a, b) => a.plate.localeCompare(b.plate))) {
    const l = liveById.get(row.id)!;
    const shift = shiftById.get(l.shiftId!);
    if (!shift) continue;
    const plan = planById.get(row.id);
    vehicles.push({
      id: row.id,
      label: row.label,
      plate: row.plate,
      shiftId: shift.id,
      driverUserId: l.driverUserId,
      capacity: [row.seats, row.bagSlots, row.wheelchairAccessible ? 1 : 0],
      features: row.wheelchairAccessible ? ['wheelchair'] : [],
      shiftEnd: shift.plannedEnd,
      breaks: shift.breaks.map((b) => ({ start: new Date(b.start), end: new Date(b.end) })),
      planVersion: plan?.version ?? 0,
      planned: plan?.stops ?? [],
      row,
      live: l,
    });
  }

  // Locations: every place a task or a depot uses, then each van's position.
  const placeIds = new Set<string>(options.extraPlaceIds ?? []);
  for (const t of options.tasks) {
    placeIds.add(t.pickupPlaceId);
    placeIds.add(t.dropoffPlaceId);
  }
  for (const v of vehicles) if (v.row.homePlaceId) placeIds.add(v.row.homePlaceId);
  const places = placeIds.size ? await em.getRepository(PlaceEntity).findBy({ id: In([...placeIds]) }) : [];
  const placeIndex = new Map<string, number>();
  const points: LatLng[] = [];
  const placeOfLocation: (string | null)[] = [];
  for (const p of places) {
    placeIndex.set(p.id, points.length);
    points.push({ lat: p.lat, lng: p.lng });
    placeOfLocation.push(p.id);
  }
  const startLocation = new Map<string, number>();
  for (const v of vehicles) {
    if (v.live.lat !== null && v.live.lng !== null) {
      startLocation.set(v.id, points.length);
      points.push({ lat: v.live.lat, lng: v.live.lng });
      placeOfLocation.push(null);
    } else if (v.row.homePlaceId && placeIndex.has(v.row.homePlaceId)) {
      startLocation.set(v.id, placeIndex.get(v.row.homePlaceId)!);
    } else {
      const first = v.planned.find((s) => placeIndex.has(s.placeId));
      startLocation.set(v.id, first ? placeIndex.get(first.placeId)! : 0);
    }
  }
  if (points.length === 0) points.push({ lat: 0, lng: 0 });
  const raw = await options.provider.matrix(points, now);
  const travel = matrixFromRows(raw.seconds, raw.meters);
  const snapshot = new FleetSnapshot(
    areaId,
    now,
    options.serviceTimeS,
    vehicles,
    taskById,
    placeIndex,
    placeOfLocation,
    {
      vehicles: [],
      requests: [],
      routes: {},
      travel,
    },
  );

  const engineVehicles: Vehicle[] = [];
  const requests: TransportRequest[] = [];
  const routes: Record<string, StopRef[]> = {};
  const M = travel.size;
  for (const v of vehicles) {
    // The stops still to make, for tasks that are still active on this van.
    const stops = v.planned.filter((s) => {
      const task = taskById.get(s.taskId);
      if (!task || task.vehicleId !== v.id) return false;
      return s.kind === 'dropoff' || task.pickedUpAt === null;
    });
    // Tasks on this van missing from the plan (should not happen) get appended, pickups first.
    for (const task of options.tasks) {
      if (task.vehicleId !== v.id) continue;
      if (task.pickedUpAt === null && !stops.some((s) => s.taskId === task.id && s.kind === 'pickup')) {
        stops.push({
          taskId: task.id,
          kind: 'pickup',
          placeId: task.pickupPlaceId,
          arrival: '',
          serviceStart: '',
          departure: '',
          loadAfter: [],
        });
      }
      if (!stops.some((s) => s.taskId === task.id && s.kind === 'dropoff')) {
        stops.push({
          taskId: task.id,
          kind: 'dropoff',
          placeId: task.dropoffPlaceId,
          arrival: '',
          serviceStart: '',
          departure: '',
          loadAfter: [],
        });
      }
    }
    // A van standing at a pickup is there, whatever its last GPS fix says.
    const first = stops[0];
    const waitingAt =
      first && first.kind === 'pickup' && taskById.get(first.taskId)?.vehicleAtPickup
        ? placeIndex.get(first.placeId)
        : undefined;
    const start = waitingAt ?? startLocation.get(v.id)!;
    const end = v.row.homePlaceId && placeIndex.has(v.row.homePlaceId) ? placeIndex.get(v.row.homePlaceId)! : start;
    // Forward simulation of the current sequence (windows' earliest only) to relax late promises.
    let clock = 0;
    let at = start;
    const simPickup = new Map<string, number>();
    const simDrop = new Map<string, number>();
    for (const s of stops) {
      const task = taskById.get(s.taskId)!;
      const loc = placeIndex.get(s.placeId)!;
      const arrival = clock + travel.time[at * M + loc];
      const earliest = s.kind === 'pickup' ? snapshot.t(task.pickupWindow.from) : -Infinity;
      const begin = Math.max(arrival, earliest);
      if (s.kind === 'pickup') simPickup.set(task.id, begin);
      else simDrop.set(task.id, begin);
      clock = begin + options.serviceTimeS;
      at = loc;
    }
    const endArrival = clock + travel.time[at * M + end];
    const onBoard: OnBoardRider[] = [];
    for (const s of stops) {
      if (s.kind !== 'dropoff') continue;
      const task = taskById.get(s.taskId)!;
      if (task.pickedUpAt) {
        const pickupEnded = snapshot.t(task.pickedUpAt);
        onBoard.push({
          request: snapshot.request(task, -Infinity, (simDrop.get(task.id) ?? 0) - pickupEnded + 1),
          pickupEndedAt: pickupEnded,
        });
      } else {
        const sp = simPickup.get(task.id) ?? 0;
        requests.push(snapshot.request(task, sp + 1, (simDrop.get(task.id) ?? 0) - sp - options.serviceTimeS + 1));
      }
    }
    // The stop the van drives to is fixed, unless the van is empty and can still wait before
    // leaving for a later pickup: then a new request may be served first.
    const head = stops[0];
    const headTask = head ? taskById.get(head.taskId) : undefined;
    const idleSlackS =
      head && headTask && head.kind === 'pickup' && !headTask.vehicleAtPickup && onBoard.length === 0
        ? snapshot.t(headTask.pickupWindow.from) - travel.time[start * M + placeIndex.get(head.placeId)!]
        : 0;
    const stretch = workingStretch(snapshot.now, v.shiftEnd, v.breaks);
    engineVehicles.push({
      id: v.id,
      capacity: v.capacity,
      features: v.features,
      // An idle van on a break leaves when it ends; a van with work keeps it (the driver takes
      // the break late rather than a rider being let down). Existing plans stay feasible.
      start: { location: start, earliest: stops.length === 0 ? Math.max(0, snapshot.t(stretch.start)) : 0 },
      end: { location: end, latest: Math.max(snapshot.t(stretch.end), endArrival + 1) },
      onBoard,
      committedNextStop: head && idleSlackS <= COMMIT_SLACK_S ? { requestId: head.taskId, kind: head.kind } : undefined,
    });
    routes[v.id] = stops.map((s) => ({ requestId: s.taskId, kind: s.kind }));
  }
  return new FleetSnapshot(
    areaId,
    now,
    options.serviceTimeS,
    vehicles.map(({ row: _row, live: _live, ...v }) => v),
    taskById,
    placeIndex,
    placeOfLocation,
    {
      vehicles: engineVehicles,
      requests,
      routes,
      travel,
    },
  );
}

/**
 * Writes a van's new stop list: version + 1, checked against the version it was planned from
 * (a mismatch means someone planned concurrently: the caller's transaction must roll back).
 */
export async function savePlan(
  em: EntityManager,
  areaId: string,
  vehicleId: string,
  expectedVersion: number,
  stops: PlannedStopRecord[],
): Promise<number> {
  if (expectedVersion === 0) {
    const inserted: unknown = await em.query(
      `INSERT INTO vehicle_plans (vehicle_id, area_id, version, stops) VALUES ($1, $2, 1, $3::jsonb)
       ON CONFLICT (vehicle_id) DO UPDATE SET version = vehicle_plans.version + 1, stops = EXCLUDED.stops, updated_at = now()
       WHERE vehicle_plans.version = 0 RETURNING version`,
      [vehicleId, areaId, JSON.stringify(stops)],
    );
    if ((inserted as unknown[]).length !== 1) throw planChanged(vehicleId);
    return 1;
  }
  const result = await em
    .createQueryBuilder()
    .update(VehiclePlanEntity)
    .set({ stops: () => ':stops::jsonb', version: () => 'version + 1' })
    .setParameter('stops', JSON.stringify(stops))
    .where('vehicle_id = :vehicleId AND version = :expectedVersion', { vehicleId, expectedVersion })
    .execute();
  if (result.affected !== 1) throw planChanged(vehicleId);
  return expectedVersion + 1;
}

/**
 * A van's plan changed since it was read: a 409 PLAN_CHANGED (the caller re-reads and plans
 * again). Thrown by every version-checked plan write, through planChanged().
 */
export class PlanVersionConflict extends DomainError {
  constructor(vehicleId: string) {
    super(ShuttleErrorCode.PlanChanged, `The plan of van ${vehicleId} changed meanwhile; read it again.`, 'conflict', {
      vehicleId,
    });
    this.name = 'PlanVersionConflict';
  }
}

/** The one place a stale plan version becomes an error (409 PLAN_CHANGED). */
export function planChanged(vehicleId: string): PlanVersionConflict {
  return new PlanVersionConflict(vehicleId);
}
