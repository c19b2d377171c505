import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { haversineMatrix } from '@app/dispatch';
import {
  CustodyEntry,
  custodyStepTime,
  LockedLuggageBooking,
  lockLuggageBooking,
  LuggageBagEntity,
  LuggageBookingEntity,
  PlaceEntity,
  StaffEntity,
  transitionLuggage,
  VehicleLiveStateEntity,
} from '@app/database';
import {
  afterPinAttempt,
  Clock,
  conflict,
  CustodyEventType,
  invalid,
  LuggageDirection,
  LuggageErrorCode,
  LuggageExceptionType,
  LuggageStatus,
  MAX_PIN_ATTEMPTS,
  nextLuggageStatus,
  notFound,
  Principal,
  showsCourierPosition,
} from '@app/domain';
import { NotificationRecorder } from '@app/notifications';
import { luggageEta, publishLuggageStatus, RealtimePublisher, Rooms } from '@app/realtime';
import { IdempotencyService, requestFingerprint } from '../common/idempotency';
import { lockedDispatchableBooking } from './booking-access';
import { luggageStepNotifications } from './luggage-notifications';
import { CourierTaskDto, CustodyStepResultDto, DeliverDto, ExceptionDto, PickupFormDto } from './dto/courier.dto';
import { PHOTO_STORAGE, PhotoStorage, StoredPhoto } from './photo-storage';
import { pinMatches } from './secrets';

interface Where {
  lat?: number;
  lng?: number;
}

/** What the courier's phone sends with a step: where, and when it really happened (queued offline). */
interface StepInput extends Where {
  occurredAt?: string;
}

const ACTIVE = [LuggageStatus.Assigned, LuggageStatus.CourierEnRoute, LuggageStatus.PickedUp, LuggageStatus.InTransit];

/** Custody steps by the courier who holds the booking; every step appends to the custody log. */
@Injectable()
export class CustodyService {
  private readonly logger = new Logger(CustodyService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly publisher: RealtimePublisher,
    private readonly idempotency: IdempotencyService,
    @Inject(PHOTO_STORAGE) private readonly photos: PhotoStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationRecorder,
  ) {}

  private async staffOf(em: EntityManager, principal: Principal): Promise<StaffEntity> {
    // A deactivated courier's access token stays valid until it expires; their tasks do not.
    const staff = await em.getRepository(StaffEntity).findOneBy({ userId: principal.userId, active: true });
    if (!staff) throw notFound(LuggageErrorCode.NotFound, 'No such luggage booking.');
    return staff;
  }

  /** Locks the booking; another courier's booking looks like no booking at all. */
  private async ownBooking(tx: EntityManager, principal: Principal, id: string): Promise<LockedLuggageBooking> {
    const staff = await this.staffOf(tx, principal);
    const booking = await lockLuggageBooking(tx, { id });
    if (!booking || booking.courierStaffId !== staff.id)
      throw notFound(LuggageErrorCode.NotFound, 'No such luggage booking.');
    return booking;
  }

  /** When the step really happened (read with the booking's row lock held: see custodyStepTime). */
  private stepTime(
    tx: EntityManager,
    booking: LockedLuggageBooking,
    actor: Principal,
    claimed: string | undefined,
  ): Promise<Date> {
    return custodyStepTime(tx, booking, actor.userId, claimed ? new Date(claimed) : undefined, this.clock);
  }

  private async reload(tx: EntityManager, id: string) {
    return tx.getRepository(LuggageBookingEntity).findOneByOrFail({ id });
  }

  /**
   * A courier's step, applied once per Idempotency-Key: a retry after a lost answer returns the
   * first answer and tells nobody again. `work` returns the booking as it now stands; `alsoTell`
   * announces more than its new status.
   */
  private async once(
    principal: Principal,
    key: string | undefined,
    operation: string,
    body: object,
    work: (tx: EntityManager) => Promise<LuggageBookingEntity>,
    alsoTell?: (booking: LuggageBookingEntity) => void,
  ): Promise<CustodyStepResultDto> {
    const firstRun: { booking?: LuggageBookingEntity } = {};
    const result = await this.idempotency.run(
      { scope: principal.userId, key, fingerprint: requestFingerprint(operation, body), status: 200 },
      async (tx) => {
        const booking = await work(tx);
        await this.notifications.record(tx, luggageStepNotifications(booking));
        firstRun.booking = booking;
        return stepResult(booking);
      },
    );
    if (firstRun.booking) {
      alsoTell?.(firstRun.booking);
      publishLuggageStatus(this.publisher, firstRun.booking, principal.userId);
    }
    return result.body;
  }

  /** A plain status step: en route to the pickup, or in transit to the delivery. */
  async step(
    principal: Principal,
    id: string,
    to: LuggageStatus.CourierEnRoute | LuggageStatus.InTransit,
    input: StepInput,
    key: string | undefined,
  ): Promise<CustodyStepResultDto> {
    const type = to === LuggageStatus.CourierEnRoute ? CustodyEventType.CourierEnRoute : CustodyEventType.InTransit;
    const where = { lat: input.lat, lng: input.lng };
    return this.once(principal, key, `POST ${id} ${to}`, input, async (tx) => {
      const b = await this.ownBooking(tx, principal, id);
      const at = await this.stepTime(tx, b, principal, input.occurredAt);
      await transitionLuggage(tx, b, [{ step: type }], { at, actor: principal, where });
      return this.reload(tx, id);
    });
  }

  /**
   * `photos` are already in storage (streamed there by PickupPhotosInterceptor, which removes them
   * again if this throws). A replayed pickup does not use them, so they are removed here.
   */
  async pickup(
    principal: Principal,
    id: string,
    form: PickupFormDto,
    photos: StoredPhoto[],
    key: string | undefined,
  ): Promise<CustodyStepResultDto> {
    // A retry of a pickup already recorded: its first answer, and the photos sent again are dropped.
    const operation = `POST ${id} pickup`;
    const replayed = await this.idempotency.replay<CustodyStepResultDto>({
      scope: principal.userId,
      key,
      fingerprint: requestFingerprint(operation, form),
    });
    if (replayed) {
      await this.removeUnused(photos);
      return replayed.body;
    }
    const pre = await this.dataSource.transaction(async (tx) => this.ownBooking(tx, principal, id));
    nextLuggageStatus(pre.status, CustodyEventType.PickedUp);
    const booked = pre.bagsCarryOn + pre.bagsSuitcase + pre.bagsOversize;
    if (form.bagCount !== booked && !form.countMismatchConfirmed) {
      throw invalid(
        LuggageErrorCode.BagCountMismatch,
        `The booking has ${booked} bags, the courier counted ${form.bagCount}. Confirm the mismatch to continue.`,
        { booked, counted: form.bagCount },
      );
    }
    if (form.tags.length !== form.bagCount || new Set(form.tags).size !== form.tags.length) {
      throw invalid(LuggageErrorCode.TagInvalid, 'Give one distinct tag code per bag.', {
        bags: form.bagCount,
        tags: form.tags.length,
      });
    }
    if (photos.length !== form.bagCount)
      throw invalid(LuggageErrorCode.PhotoInvalid, 'Take one photo per bag.', {
        bags: form.bagCount,
        photos: photos.length,
      });
    if (form.damageNotes && form.damageNotes.length !== form.bagCount)
      throw invalid(LuggageErrorCode.TagInvalid, 'Give one damage note per bag ("" for none).');

    let used = false;
    try {
      const result = await this.once(principal, key, operation, form, async (tx) => {
        const b = await this.ownBooking(tx, principal, id);
        const at = await this.stepTime(tx, b, principal, form.occurredAt);
        const bags = form.tags.map((tag, i) => ({
          bookingId: b.id,
          tagCode: tag,
          photoKey: photos[i].key,
          damageNote: form.damageNotes?.[i]?.trim() || null,
        }));
        await transitionLuggage(
          tx,
          b,
          [
            ...(form.bagCount !== booked
              ? [{ step: CustodyEventType.BagCountMismatch, details: { booked, counted: form.bagCount } }]
              : []),
            ...bags
              .filter((x) => x.damageNote)
              .map((bag) => ({ step: CustodyEventType.Damage, details: { tag: bag.tagCode, note: bag.damageNote } })),
            {
              step: CustodyEventType.PickedUp,
              details: { bags: bags.map((x) => ({ tag: x.tagCode, photoKey: x.photoKey })) },
            },
          ],
          { at, actor: principal, where: { lat: form.lat, lng: form.lng } },
        );
        await tx.getRepository(LuggageBagEntity).insert(bags);
        used = true;
        return this.reload(tx, id);
      });
      // The same key committed concurrently by another request: its bags point at its own photos.
      if (!used) await this.removeUnused(photos);
      return result;
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') {
        throw conflict(LuggageErrorCode.TagInvalid, 'A tag code is already used on another bag.');
      }
      throw error;
    }
  }

  private async removeUnused(photos: StoredPhoto[]): Promise<void> {
    await Promise.all(
      photos.map((p) =>
        this.photos
          .remove(p.key)
          .catch((e: unknown) => this.logger.warn(`photo ${p.key} not removed: ${(e as Error).message}`)),
      ),
    );
  }

  /**
   * PIN (or counter signature) completes the handover. Wrong PINs count and commit before the
   * refusal; only a completed handover is kept for replay (a resent wrong PIN is a new attempt).
   */
  async deliver(
    principal: Principal,
    id: string,
    dto: DeliverDto,
    key: string | undefined,
  ): Promise<CustodyStepResultDto> {
    if (!dto.pin === !dto.counterSignature)
      throw invalid(LuggageErrorCode.PinInvalid, 'Give either the PIN or the counter signature.');
    const where = { lat: dto.lat, lng: dto.lng };
    const seen: { booking?: LuggageBookingEntity } = {};
    const delivered = async (tx: EntityManager): Promise<DeliverOutcome> => {
      seen.booking = await this.reload(tx, id);
      await this.notifications.record(tx, luggageStepNotifications(seen.booking));
      return { refused: null, answer: stepResult(seen.booking) };
    };
    const { body: outcome, replayed } = await this.idempotency.run<DeliverOutcome>(
      {
        scope: principal.userId,
        key,
        fingerprint: requestFingerprint(`POST ${id} deliver`, dto),
        status: 200,
        keep: (o) => o.refused === null,
      },
      async (tx) => {
        const b = await this.ownBooking(tx, principal, id);
        seen.booking = b;
        // Only bags in custody are handed over: refused before a PIN is judged, let alone counted.
        nextLuggageStatus(b.status, CustodyEventType.Delivered);
        const at = await this.stepTime(tx, b, principal, dto.occurredAt);
        if (b.handoverLockedAt) return { refused: 'locked', justLocked: false };
        if (dto.counterSignature) {
          if (b.direction !== LuggageDirection.ToAirport)
            throw invalid(LuggageErrorCode.PinInvalid, 'A counter signature is accepted only at the airport.');
          const details = {
            method: 'counter_signature',
            signedBy: dto.counterSignature.signedBy,
            counter: dto.counterSignature.counter,
          };
          await transitionLuggage(tx, b, [{ step: CustodyEventType.Delivered, details }], {
            at,
            actor: principal,
            where,
          });
          return delivered(tx);
        }
        const correct = pinMatches(this.config.luggage.quoteSecret, b.id, dto.pin!, b.pinHash);
        const next = afterPinAttempt({ attempts: b.pinAttempts, locked: false }, correct);
        if (!next.accepted) {
          // A lock is a change the board and the courier must hear of (a new version), a wrong PIN
          // alone is not (its step is silent). The PIN itself is never logged, only that an attempt failed.
          const steps: CustodyEntry[] = [{ step: CustodyEventType.PinRejected, details: { attempt: next.attempts } }];
          if (next.locked) steps.push({ step: CustodyEventType.HandoverLocked, details: { attempts: next.attempts } });
          const patch = next.locked
            ? { pinAttempts: next.attempts, handoverLockedAt: at }
            : { pinAttempts: next.attempts };
          await transitionLuggage(tx, b, steps, { at, actor: principal, where, patch });
          return next.locked
            ? { refused: 'locked', justLocked: true }
            : { refused: 'wrong', attemptsLeft: MAX_PIN_ATTEMPTS - next.attempts };
        }
        await transitionLuggage(tx, b, [{ step: CustodyEventType.Delivered, details: { method: 'pin' } }], {
          at,
          actor: principal,
          where,
          patch: { pinAttempts: 0 },
        });
        return delivered(tx);
      },
    );
    if (outcome.refused === 'wrong')
      throw invalid(LuggageErrorCode.PinInvalid, 'The PIN is not right.', { attemptsLeft: outcome.attemptsLeft });
    if (outcome.refused === 'locked') {
      const booking = seen.booking;
      if (booking && outcome.justLocked) {
        this.publisher.publish([Rooms.area(booking.areaId), Rooms.admins()], 'luggage.at_risk', {
          version: booking.version,
          bookingId: booking.id,
          reference: booking.reference,
          areaId: booking.areaId,
          code: LuggageErrorCode.HandoverLocked,
          reason: 'Five wrong PINs: the handover is locked until a dispatcher releases it.',
          deadlineAt: booking.deadlineAt.toISOString(),
        });
        publishLuggageStatus(this.publisher, booking, principal.userId);
      }
      throw conflict(
        LuggageErrorCode.HandoverLocked,
        'Too many wrong PINs: the handover is locked. Call the dispatcher to release it.',
      );
    }
    if (!replayed && seen.booking) publishLuggageStatus(this.publisher, seen.booking, principal.userId);
    return outcome.answer;
  }

  /** Dispatcher: lifts a PIN lock after checking the recipient some other way. */
  async releaseHandover(principal: Principal, id: string): Promise<CustodyStepResultDto> {
    const now = this.clock.now();
    const booking = await this.dataSource.transaction(async (tx) => {
      const b = await lockedDispatchableBooking(tx, principal, id);
      if (!b.handoverLockedAt) throw conflict(LuggageErrorCode.HandoverNotLocked, 'The handover is not locked.');
      const details = { attemptsBefore: b.pinAttempts };
      await transitionLuggage(tx, b, [{ step: CustodyEventType.HandoverReleased, details }], {
        at: now,
        actor: principal,
        patch: { handoverLockedAt: null, pinAttempts: 0 },
      });
      const courier = b.courierStaffId ? await tx.getRepository(StaffEntity).findOneBy({ id: b.courierStaffId }) : null;
      return { booking: await this.reload(tx, id), courierUserId: courier?.userId ?? null };
    });
    // The courier's page hears it too: the PIN form is offered again at once.
    publishLuggageStatus(this.publisher, booking.booking, booking.courierUserId);
    return stepResult(booking.booking);
  }

  async exception(
    principal: Principal,
    id: string,
    dto: ExceptionDto,
    key: string | undefined,
  ): Promise<CustodyStepResultDto> {
    const where = { lat: dto.lat, lng: dto.lng };
    return this.once(
      principal,
      key,
      `POST ${id} exception`,
      dto,
      async (tx) => {
        const b = await this.ownBooking(tx, principal, id);
        const at = await this.stepTime(tx, b, principal, dto.occurredAt);
        const change = { at, actor: principal, where };
        switch (dto.type) {
          case LuggageExceptionType.TravellerAbsent:
            // Only at the pickup: the state machine refuses it once the bags are taken.
            await transitionLuggage(
              tx,
              b,
              [{ step: CustodyEventType.TravellerAbsent, details: { reason: dto.reason } }],
              { ...change, patch: { failureReason: `traveller_absent: ${dto.reason}` } },
            );
            break;
          case LuggageExceptionType.DeliveryFailed:
            // Only bags in custody can fail delivery.
            await transitionLuggage(
              tx,
              b,
              [{ step: CustodyEventType.DeliveryFailed, details: { reason: dto.reason } }],
              { ...change, patch: { failureReason: `delivery_failed: ${dto.reason}` } },
            );
            break;
          case LuggageExceptionType.Damage:
            await transitionLuggage(tx, b, [{ step: CustodyEventType.Damage, details: { note: dto.reason } }], change);
            break;
          case LuggageExceptionType.BagCountMismatch: {
            const details = {
              reason: dto.reason,
              booked: b.bagsCarryOn + b.bagsSuitcase + b.bagsOversize,
              counted: dto.actualBagCount ?? null,
            };
            await transitionLuggage(tx, b, [{ step: CustodyEventType.BagCountMismatch, details }], change);
            break;
          }
        }
        return this.reload(tx, id);
      },
      (booking) =>
        // Every exception reaches the dispatch board at once.
        this.publisher.publish([Rooms.area(booking.areaId), Rooms.admins()], 'luggage.at_risk', {
          version: booking.version,
          bookingId: booking.id,
          reference: booking.reference,
          areaId: booking.areaId,
          code: `EXCEPTION_${dto.type.toUpperCase()}`,
          reason: dto.reason,
          deadlineAt: booking.deadlineAt.toISOString(),
        }),
    );
  }

  /** The courier's position: stored on their van's live state; told only to the travellers it concerns. */
  async position(principal: Principal, lat: number, lng: number): Promise<{ notified: number }> {
    const now = this.clock.now();
    const staff = await this.staffOf(this.dataSource.manager, principal);
    const active = await this.dataSource
      .getRepository(LuggageBookingEntity)
      .findBy({ courierStaffId: staff.id, status: In(ACTIVE) });
    const vehicleId = active.find((b) => b.vehicleId)?.vehicleId;
    if (vehicleId) {
      const areaId = active.find((b) => b.vehicleId === vehicleId)!.areaId;
      await this.dataSource
        .getRepository(VehicleLiveStateEntity)
        .upsert({ vehicleId, areaId, driverUserId: principal.userId, online: true, lat, lng, positionAt: now }, [
          'vehicleId',
        ]);
    }
    const visible = active.filter((b) => showsCourierPosition(b.status));
    const targets = visible.length
      ? await this.dataSource.getRepository(PlaceEntity).findBy({
          id: In(
            visible.map((b) => (b.status === LuggageStatus.CourierEnRoute ? b.originPlaceId : b.destinationPlaceId)),
          ),
        })
      : [];
    for (const b of visible) {
      // ETA: the plan's, unless the van is now too far away for it (then the direct estimate).
      const target = targets.find(
        (p) => p.id === (b.status === LuggageStatus.CourierEnRoute ? b.originPlaceId : b.destinationPlaceId),
      );
      const planned = luggageEta(b);
      const direct = target
        ? new Date(
            now.getTime() +
              1000 *
                haversineMatrix([{ lat, lng }, target], now, { roadFactor: this.config.travel.roadFactor })
                  .seconds[0][1],
          )
        : null;
      const eta = planned && direct ? new Date(Math.max(planned.getTime(), direct.getTime())) : (planned ?? direct);
      this.publisher.publish([Rooms.tracking(b.id)], 'luggage.position', {
        version: now.getTime(),
        bookingId: b.id,
        lat,
        lng,
        at: now.toISOString(),
        etaAt: eta?.toISOString() ?? null,
      });
    }
    return { notified: visible.length };
  }

  async tasks(principal: Principal): Promise<CourierTaskDto[]> {
    const staff = await this.staffOf(this.dataSource.manager, principal);
    const rows = await this.dataSource.getRepository(LuggageBookingEntity).find({
      where: { courierStaffId: staff.id, status: In(ACTIVE) },
      order: { plannedPickupAt: 'ASC' },
    });
    const placeIds = [...new Set(rows.flatMap((b) => [b.originPlaceId, b.destinationPlaceId]))];
    const places = placeIds.length ? await this.dataSource.getRepository(PlaceEntity).findBy({ id: In(placeIds) }) : [];
    const ref = (id: string) => {
      const p = places.find((x) => x.id === id)!;
      return { code: p.code, nameKo: p.nameKo, nameEn: p.nameEn, lat: p.lat, lng: p.lng };
    };
    return rows.map((b) => ({
      id: b.id,
      reference: b.reference,
      status: b.status,
      direction: b.direction,
      origin: ref(b.originPlaceId),
      destination: ref(b.destinationPlaceId),
      bags: {
        carry_on: b.bagsCarryOn,
        suitcase: b.bagsSuitcase,
        oversize: b.bagsOversize,
        total: b.bagsCarryOn + b.bagsSuitcase + b.bagsOversize,
      },
      flightNumber: b.flightNumber,
      pickupWindow: { start: b.pickupWindowStart.toISOString(), end: b.pickupWindowEnd.toISOString() },
      deadline: b.deadlineAt.toISOString(),
      plannedPickupAt: b.plannedPickupAt?.toISOString() ?? null,
      plannedDeliveryAt: b.plannedDeliveryAt?.toISOString() ?? null,
      contact: { name: b.contactName, phone: b.contactPhone, language: b.language },
      handoverLocked: b.handoverLockedAt !== null,
      atRisk: b.atRisk,
    }));
  }
}

/** A handover: done (the answer kept for replay), or refused after counting the attempt. */
type DeliverOutcome =
  | { refused: null; answer: CustodyStepResultDto }
  | { refused: 'wrong'; attemptsLeft: number }
  | { refused: 'locked'; justLocked: boolean };

const stepResult = (b: LuggageBookingEntity): CustodyStepResultDto => ({
  id: b.id,
  reference: b.reference,
  status: b.status,
  version: b.version,
});
