import { Inject, Injectable, Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, In } from 'typeorm';
import { LatLng, matrixFromRows, StopRef, TravelTimeProvider } from '@app/dispatch';
import {
  CustodyEntry,
  LuggageBookingEntity,
  lockAreaPlanning,
  lockLuggageBooking,
  PlaceEntity,
  PlannedStopRecord,
  ServiceAreaEntity,
  ShiftEntity,
  StaffEntity,
  transitionLuggage,
  VehicleEntity,
  VehicleLiveStateEntity,
  VehiclePlanEntity,
} from '@app/database';
import {
  Clock,
  CustodyEventType,
  LuggageStatus,
  parseLuggageSettings,
  PLANNABLE_STATUSES,
  riskReason,
  ShiftStatus,
} from '@app/domain';
import { enqueueInTransaction, luggageReplanJob } from '@app/queues';
import { publishLuggageStatus, RealtimePublisher, Rooms } from '@app/realtime';
import { savePlan } from './fleet-state';
import {
  insertLuggageJob,
  LuggageDayInput,
  LuggageDayPlan,
  LuggageJob,
  LuggageVan,
  replanLuggageDay,
} from './luggage-day';
import { TRAVEL_TIME_PROVIDER } from './travel-time.factory';

/**
 * The search is synchronous and blocks this worker's event loop, so BullMQ cannot renew the
 * job's 10 s lock meanwhile: a longer budget would get the job marked stalled and run twice.
 */
const MAX_REPLAN_BUDGET_MS = 4_000;
/** Default search budget of a day re-plan; an area may set settings.replanBudgetMs. */
const REPLAN_BUDGET_MS = 3000;
const budgetOf = (ctx: DayContext) => ctx.replanBudgetMs;
const SYSTEM = { userId: null, role: 'planner' } as const;

interface DayContext {
  input: LuggageDayInput;
  bookings: Map<string, LuggageBookingEntity>;
  vans: Map<string, VehicleEntity>;
  /** The day's shifts of those vans, by id: whose courier carries a job planned in it. */
  shifts: Map<string, { shift: ShiftEntity; staff: StaffEntity }>;
  placeOfLocation: string[];
  origin: Date;
  replanBudgetMs: number;
}

interface Notice {
  booking: LuggageBookingEntity;
  courierUserId: string | null;
  atRisk: { code: string; reason: string } | null;
}

/**
 * Luggage planning of one area's day, on the shared seam's pieces (travel-time provider, clock,
 * area planning lock, versioned vehicle plans). Vans come from the day's planned or active
 * courier shifts (luggage is planned ahead, unlike the shuttle's on-line vans). Every booking
 * the plan cannot serve on time is flagged at once; none is dropped silently.
 */
@Injectable()
export class LuggagePlanner {
  private readonly logger = new Logger(LuggagePlanner.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: RealtimePublisher,
    private readonly clock: Clock,
    @Inject(TRAVEL_TIME_PROVIDER) private readonly travel: TravelTimeProvider,
  ) {}

  /** A new booking: best insertion into the current plans; a debounced re-plan of the day follows. */
  async planBooking(bookingId: string): Promise<void> {
    const notices = await this.dataSource.transaction(async (em) => {
      const peek = await em.getRepository(LuggageBookingEntity).findOneBy({ id: bookingId });
      if (!peek || peek.status !== LuggageStatus.Booked) return [];
      await lockAreaPlanning(em, peek.areaId);
      const now = this.clock.now();
      const ctx = await this.loadDay(em, peek.areaId, peek.serviceDate, now);
      const target = ctx.bookings.get(bookingId);
      if (!target || target.status !== LuggageStatus.Booked) return [];
      // Already planned (a retried job): nothing to insert.
      if (target.vehicleId && !target.atRisk) return [];
      const outcome = ctx.input.vans.length
        ? insertLuggageJob(ctx.input, bookingId)
        : { plan: null, code: 'NO_VEHICLE', reason: 'no courier van is on shift that day' };
      await enqueueInTransaction(em, luggageReplanJob(peek.areaId, peek.serviceDate, now));
      if (outcome.plan) return this.persist(em, ctx, outcome.plan, now);
      // No room without moving others: re-plan the day at once (briefly); flag only what still fails.
      const rescue = ctx.input.vans.length
        ? replanLuggageDay(ctx.input, { timeBudgetMs: Math.min(1000, budgetOf(ctx)), seed: 7 })
        : null;
      const rejected = new Map([[bookingId, { code: outcome.code, reason: outcome.reason }]]);
      if (rescue && rescue.planned.has(bookingId)) return this.persist(em, ctx, rescue, now);
      // Keep the quick re-plan only if it loses none of the bookings planned before.
      const keeps =
        rescue !== null && rescue.unplanned.every((id) => id === bookingId || !ctx.bookings.get(id)?.vehicleId);
      return this.persist(em, ctx, keeps ? rescue : null, now, rejected);
    });
    this.announce(notices);
  }

  /** Re-plans the whole day of an area (after bookings, cancellations, or to rescue at-risk ones). */
  async replanDay(areaId: string, serviceDate: string, timeBudgetMs?: number): Promise<LuggageDayPlan | null> {
    let plan: LuggageDayPlan | null = null;
    const notices = await this.dataSource.transaction(async (em) => {
      await lockAreaPlanning(em, areaId);
      const now = this.clock.now();
      const ctx = await this.loadDay(em, areaId, serviceDate, now);
      if (ctx.bookings.size === 0) return [];
      plan = ctx.input.vans.length
        ? replanLuggageDay(ctx.input, { timeBudgetMs: timeBudgetMs ?? budgetOf(ctx), seed: 7 })
        : null;
      return this.persist(em, ctx, plan, now);
    });
    this.announce(notices);
    return plan;
  }

  /**
   * A courier van stops taking work (out of service, shift ended). Under the area lock, and only
   * if `stillUnavailable` still holds there: its bookings not yet set off for (assigned) go back
   * to booked, unassigned as a re-plan would; those under way (courier en route, bags on board)
   * stay with the van. Its plan keeps only their stops, and each service date it had open work
   * on gets a day re-plan job (which re-plans the booked ones or flags them at risk).
   * Returns false when the van was available again and nothing was done.
   */
  async releaseVehicle(
    vehicleId: string,
    areaId: string,
    why: string,
    stillUnavailable: (em: EntityManager) => Promise<boolean>,
  ): Promise<boolean> {
    const notices = await this.dataSource.transaction(async (em): Promise<Notice[] | null> => {
      await lockAreaPlanning(em, areaId);
      if (!(await stillUnavailable(em))) return null;
      const now = this.clock.now();
      const bookings = await em
        .getRepository(LuggageBookingEntity)
        .find({ where: { vehicleId, status: In([...PLANNABLE_STATUSES]) } });
      const staff = bookings.length
        ? await em
            .getRepository(StaffEntity)
            .findBy({ id: In([...new Set(bookings.map((b) => b.courierStaffId).filter((id): id is string => !!id))]) })
        : [];
      const out: Notice[] = [];
      const stayOnVan = new Set<string>();
      for (const b of bookings) {
        if (b.status !== LuggageStatus.Assigned) {
          stayOnVan.add(b.id); // the courier set off for it, or the bags are on board
          continue;
        }
        const courierUserId = staff.find((st) => st.id === b.courierStaffId)?.userId ?? null;
        const locked = await lockLuggageBooking(em, { id: b.id, version: b.version });
        if (!locked) {
          stayOnVan.add(b.id); // changed meanwhile (a custody step): the day re-plan takes it from there
          continue;
        }
        await transitionLuggage(
          em,
          locked,
          [{ step: CustodyEventType.Unassigned, details: { vehicleId, reason: why } }],
          {
            at: now,
            actor: SYSTEM,
            patch: { vehicleId: null, courierStaffId: null, plannedPickupAt: null, plannedDeliveryAt: null },
          },
        );
        out.push({ booking: locked, courierUserId, atRisk: null });
      }
      const plan = await em.getRepository(VehiclePlanEntity).findOneBy({ vehicleId });
      if (plan && plan.stops.some((s) => !stayOnVan.has(s.taskId))) {
        await savePlan(
          em,
          plan.areaId,
          vehicleId,
          plan.version,
          plan.stops.filter((s) => stayOnVan.has(s.taskId)),
        );
      }
      for (const serviceDate of [...new Set(bookings.map((b) => b.serviceDate))].sort()) {
        await enqueueInTransaction(em, luggageReplanJob(areaId, serviceDate, now));
      }
      this.logger.log(
        `courier van ${vehicleId} released (${why}): ${out.length} bookings unassigned, ${stayOnVan.size} stay on it`,
      );
      return out;
    });
    if (notices === null) return false;
    this.announce(notices);
    return true;
  }

  private async loadDay(em: EntityManager, areaId: string, serviceDate: string, now: Date): Promise<DayContext> {
    const area = await em.getRepository(ServiceAreaEntity).findOneByOrFail({ id: areaId });
    const settings = parseLuggageSettings(area.settings);
    const dayStart = DateTime.fromISO(serviceDate, { zone: area.timezone }).startOf('day');
    const origin = now;
    const t = (d: Date) => (d.getTime() - origin.getTime()) / 1000;

    const bookings = await em.getRepository(LuggageBookingEntity).find({
      where: { areaId, serviceDate, status: In([...PLANNABLE_STATUSES]) },
      order: { createdAt: 'ASC' },
    });
    const shifts = await em
      .getRepository(ShiftEntity)
      .createQueryBuilder('s')
      .where('s.area_id = :areaId', { areaId })
      .andWhere('s.status IN (:...st)', { st: [ShiftStatus.Planned, ShiftStatus.Active] })
      .andWhere('s.planned_start < :dayEnd AND s.planned_end > :dayStart', {
        dayStart: dayStart.toJSDate(),
        dayEnd: dayStart.plus({ days: 1 }).toJSDate(),
      })
      .andWhere('s.planned_end > :now', { now })
      .orderBy('s.planned_start', 'ASC')
      .getMany();
    const vehicles = shifts.length
      ? await em.getRepository(VehicleEntity).findBy({ id: In(shifts.map((s) => s.vehicleId)), inService: true })
      : [];
    const staff = shifts.length
      ? await em.getRepository(StaffEntity).findBy({ id: In(shifts.map((s) => s.staffId)), active: true })
      : [];
    const live = vehicles.length
      ? await em.getRepository(VehicleLiveStateEntity).findBy({ vehicleId: In(vehicles.map((v) => v.id)) })
      : [];

    const placeIds = new Set<string>();
    for (const b of bookings) {
      placeIds.add(b.originPlaceId);
      placeIds.add(b.destinationPlaceId);
    }
    for (const v of vehicles) if (v.homePlaceId) placeIds.add(v.homePlaceId);
    const places = placeIds.size ? await em.getRepository(PlaceEntity).findBy({ id: In([...placeIds]) }) : [];
    const index = new Map<string, number>();
    const points: LatLng[] = [];
    const placeOfLocation: string[] = [];
    for (const p of places) {
      index.set(p.id, points.length);
      points.push({ lat: p.lat, lng: p.lng });
      placeOfLocation.push(p.id);
    }

    // A van may have several shifts that day (a night one and a day one, other couriers), each
    // with breaks: the engine plans every working stretch of all of them.
    const vans = new Map<string, VehicleEntity>();
    const vanShifts = new Map<string, { shift: ShiftEntity; staff: StaffEntity }>();
    const engineVans: LuggageVan[] = [];
    for (const vehicle of vehicles) {
      const mine = shifts
        .filter((shift) => shift.vehicleId === vehicle.id)
        .map((shift) => ({ shift, staff: staff.find((s) => s.id === shift.staffId) }))
        .filter((x): x is { shift: ShiftEntity; staff: StaffEntity } => x.staff !== undefined);
      const home = vehicle.homePlaceId ? index.get(vehicle.homePlaceId) : undefined;
      if (mine.length === 0 || vehicle.bagSlots <= 0 || home === undefined) continue;
      const pos = live.find(
        (l) =>
          l.vehicleId === vehicle.id &&
          l.lat !== null &&
          l.lng !== null &&
          mine.some((x) => x.shift.status === ShiftStatus.Active),
      );
      let start = home;
      if (pos) {
        start = points.length;
        points.push({ lat: pos.lat!, lng: pos.lng! });
        placeOfLocation.push('');
      }
      vans.set(vehicle.id, vehicle);
      for (const x of mine) vanShifts.set(x.shift.id, x);
      engineVans.push({
        id: vehicle.id,
        bagSlots: vehicle.bagSlots,
        start,
        end: home,
        shifts: mine.map(({ shift }) => ({
          id: shift.id,
          start: t(shift.plannedStart),
          end: t(shift.plannedEnd),
          breaks: shift.breaks.map((b) => ({ start: t(new Date(b.start)), end: t(new Date(b.end)) })),
        })),
      });
    }

    const departAt = dayStart.set({ hour: 10 }).toJSDate();
    const raw = points.length ? await this.travel.matrix(points, departAt) : { seconds: [[0]], meters: [[0]] };
    const travel = matrixFromRows(raw.seconds, raw.meters);

    const jobs: LuggageJob[] = bookings.map((b) => {
      const phase =
        b.status === LuggageStatus.CourierEnRoute
          ? 'committed'
          : b.status === LuggageStatus.PickedUp || b.status === LuggageStatus.InTransit
            ? 'on_board'
            : 'open';
      return {
        id: b.id,
        pickup: index.get(b.originPlaceId)!,
        dropoff: index.get(b.destinationPlaceId)!,
        bags: b.bagsCarryOn + b.bagsSuitcase + b.bagsOversize,
        pickupFrom: t(b.pickupWindowStart),
        pickupTo: t(b.pickupWindowEnd),
        deliverFrom: t(b.deliveryWindowStart),
        deadline: t(b.deadlineAt),
        phase,
        vehicleId: phase === 'open' ? null : b.vehicleId && vans.has(b.vehicleId) ? b.vehicleId : null,
        plannedAt: b.plannedPickupAt ? t(b.plannedPickupAt) : undefined,
      };
    });
    // Under-way jobs whose van is gone cannot be planned by us: they are flagged below.
    const plannable = jobs.filter((j) => j.phase === 'open' || j.vehicleId !== null);

    // The current order per van, from the planned times on the bookings (works for any day).
    const routes: Record<string, StopRef[]> = {};
    const stopsByVan = new Map<string, { at: number; stop: StopRef }[]>();
    for (const b of bookings) {
      if (!b.vehicleId || !vans.has(b.vehicleId)) continue;
      const list = stopsByVan.get(b.vehicleId) ?? [];
      if (b.plannedPickupAt) list.push({ at: b.plannedPickupAt.getTime(), stop: { requestId: b.id, kind: 'pickup' } });
      if (b.plannedDeliveryAt)
        list.push({ at: b.plannedDeliveryAt.getTime() + 1, stop: { requestId: b.id, kind: 'dropoff' } });
      stopsByVan.set(b.vehicleId, list);
    }
    for (const [vid, list] of stopsByVan) routes[vid] = list.sort((a, b) => a.at - b.at).map((x) => x.stop);

    return {
      input: { jobs: plannable, vans: engineVans, travel, serviceS: settings.stopServiceS, routes, now: 0 },
      bookings: new Map(bookings.map((b) => [b.id, b])),
      vans,
      shifts: vanShifts,
      placeOfLocation,
      origin,
      replanBudgetMs:
        typeof area.settings.replanBudgetMs === 'number' && area.settings.replanBudgetMs > 0
          ? Math.min(area.settings.replanBudgetMs, MAX_REPLAN_BUDGET_MS)
          : REPLAN_BUDGET_MS,
    };
  }

  /**
   * Writes the plan onto the bookings (van, courier, planned times, at-risk flag) and, for today,
   * the vans' versioned plans. Returns what to announce after commit.
   */
  private async persist(
    em: EntityManager,
    ctx: DayContext,
    plan: LuggageDayPlan | null,
    now: Date,
    rejected = new Map<string, { code: string; reason: string }>(),
  ): Promise<Notice[]> {
    const date = (t: number) => new Date(ctx.origin.getTime() + Math.round(t * 1000));
    const notices: Notice[] = [];
    for (const b of ctx.bookings.values()) {
      const p = plan?.planned.get(b.id);
      const before = {
        vehicleId: b.vehicleId,
        pickup: b.plannedPickupAt?.getTime() ?? null,
        delivery: b.plannedDeliveryAt?.getTime() ?? null,
        atRisk: b.atRisk,
        status: b.status,
      };
      let risk: { code: string; reason: string } | null = null;
      if (p) {
        b.vehicleId = p.vehicleId;
        b.courierStaffId = ctx.shifts.get(p.shiftId)!.staff.id;
        if (p.pickupAt !== null) b.plannedPickupAt = date(p.pickupAt);
        b.plannedDeliveryAt = date(p.deliveryAt);
        if (p.late) risk = { code: 'DEADLINE_AT_RISK', reason: 'the planned delivery is after the deadline' };
        if (b.status === LuggageStatus.Booked) b.status = LuggageStatus.Assigned;
      } else if (plan || rejected.has(b.id)) {
        risk = rejected.get(b.id) ?? {
          code: 'UNPLANNABLE',
          reason: 'no courier van can serve this booking before its deadline',
        };
        if (b.status === LuggageStatus.Assigned) {
          b.status = LuggageStatus.Booked;
          b.vehicleId = null;
          b.courierStaffId = null;
          b.plannedPickupAt = null;
          b.plannedDeliveryAt = null;
        }
      } else {
        continue; // insertion left the other bookings untouched
      }
      b.atRisk = risk !== null;
      b.atRiskReason = risk ? riskReason(risk.code, risk.reason) : null;
      const changed =
        before.vehicleId !== b.vehicleId ||
        before.pickup !== (b.plannedPickupAt?.getTime() ?? null) ||
        before.delivery !== (b.plannedDeliveryAt?.getTime() ?? null) ||
        before.atRisk !== b.atRisk ||
        before.status !== b.status;
      if (!changed) continue;
      // Couriers do not wait for the planner: a booking that changed since it was read (a custody
      // step) is left as it is now, and the next re-plan takes it from there.
      const locked = await lockLuggageBooking(em, { id: b.id, version: b.version });
      if (!locked) continue;
      // The plan decided the new status above; the state machine checks it step by step.
      const steps: CustodyEntry[] = [];
      if (before.status !== b.status && b.status === LuggageStatus.Assigned)
        steps.push({ step: CustodyEventType.Assigned, details: { vehicleId: b.vehicleId } });
      if (before.status !== b.status && b.status === LuggageStatus.Booked)
        steps.push({ step: CustodyEventType.Unassigned });
      if (b.atRisk && !before.atRisk)
        steps.push({ step: CustodyEventType.AtRisk, details: { code: risk!.code, reason: risk!.reason } });
      await transitionLuggage(em, locked, steps, {
        at: now,
        actor: SYSTEM,
        patch: {
          vehicleId: b.vehicleId,
          courierStaffId: b.courierStaffId,
          plannedPickupAt: b.plannedPickupAt,
          plannedDeliveryAt: b.plannedDeliveryAt,
          atRisk: b.atRisk,
          atRiskReason: b.atRiskReason,
        },
      });
      b.version = locked.version;
      b.updatedAt = locked.updatedAt;
      const courierUserId = b.courierStaffId
        ? ([...ctx.shifts.values()].find((x) => x.staff.id === b.courierStaffId)?.staff.userId ?? null)
        : null;
      notices.push({ booking: b, courierUserId, atRisk: b.atRisk && !before.atRisk ? risk : null });
    }
    if (plan) await this.saveVanPlans(em, ctx, plan, date);
    return notices;
  }

  /** Today's plan also goes into the shared versioned vehicle_plans (what the courier app follows). */
  private async saveVanPlans(
    em: EntityManager,
    ctx: DayContext,
    plan: LuggageDayPlan,
    date: (t: number) => Date,
  ): Promise<void> {
    const anyBooking = ctx.bookings.values().next().value;
    if (!anyBooking) return;
    const area = await em.getRepository(ServiceAreaEntity).findOneByOrFail({ id: anyBooking.areaId });
    const today = DateTime.fromJSDate(ctx.origin, { zone: area.timezone }).toISODate();
    if (anyBooking.serviceDate !== today) return;
    const versions = await em
      .getRepository(VehiclePlanEntity)
      .findBy({ vehicleId: In([...ctx.vans.keys()]), areaId: area.id });
    for (const route of plan.routes) {
      const stops: PlannedStopRecord[] = route.stops.map((s) => {
        const b = ctx.bookings.get(s.requestId)!;
        return {
          taskId: s.requestId,
          kind: s.kind,
          placeId: s.kind === 'pickup' ? b.originPlaceId : b.destinationPlaceId,
          arrival: date(s.arrival).toISOString(),
          serviceStart: date(s.serviceStart).toISOString(),
          departure: date(s.departure).toISOString(),
          loadAfter: [...s.loadAfter],
        };
      });
      await savePlan(
        em,
        area.id,
        route.vehicleId,
        versions.find((v) => v.vehicleId === route.vehicleId)?.version ?? 0,
        stops,
      );
    }
  }

  /** After commit: tracking rooms, the area's board, the courier; at-risk also to admins. */
  private announce(notices: Notice[]): void {
    for (const n of notices) {
      publishLuggageStatus(this.publisher, n.booking, n.courierUserId);
      if (n.atRisk) {
        this.logger.warn(`luggage ${n.booking.reference} at risk: ${n.atRisk.code}`);
        this.publisher.publish(
          [Rooms.area(n.booking.areaId), Rooms.admins(), Rooms.tracking(n.booking.id)],
          'luggage.at_risk',
          {
            version: n.booking.version,
            bookingId: n.booking.id,
            reference: n.booking.reference,
            areaId: n.booking.areaId,
            code: n.atRisk.code,
            reason: n.atRisk.reason,
            deadlineAt: n.booking.deadlineAt.toISOString(),
          },
        );
      }
    }
  }
}
