import { DeepPartial, EntityManager, FindOptionsWhere } from 'typeorm';
import {
  Clock,
  CustodyEventType,
  LuggageStatus,
  nextLuggageStatus,
  resolveOccurredAt,
  stepIsAnnounced,
} from '@app/domain';
// The one module that writes the custody log (an eslint rule keeps every other value import out).
import { CustodyEventEntity } from '../entities/custody-event.entity';
import { LuggageBookingEntity } from '../entities/luggage-booking.entity';

declare const lockedRow: unique symbol;

/**
 * A booking row read FOR UPDATE in the caller's transaction. Steps apply only to such a row, so
 * two steps on one booking are serialised: the second reads what the first wrote.
 */
export type LockedLuggageBooking = LuggageBookingEntity & { readonly [lockedRow]: true };

/** Who took a step: a user (courier, dispatcher, admin), the planner, or an anonymous traveller. */
export interface CustodyActor {
  userId: string | null;
  role: string;
}

/** One entry of the custody log: the step and what it records. */
export interface CustodyEntry {
  step: CustodyEventType;
  details?: Record<string, unknown>;
}

/** Writes one outbox row in the given transaction (libs/queues' enqueueInTransaction bound to its job). */
export type OutboxWrite = (em: EntityManager) => Promise<void>;

/** Columns a change may set besides the status and the version, which the steps decide. */
export type LuggagePatch = Partial<
  Omit<LuggageBookingEntity, 'id' | 'status' | 'version' | 'createdAt' | 'updatedAt' | LuggageRelation>
>;
type LuggageRelation = 'area' | 'origin' | 'destination' | 'vehicle' | 'courier';

export interface LuggageChange {
  /** When the steps happened (see custodyStepTime for a courier's step). */
  at: Date;
  actor: CustodyActor;
  where?: { lat?: number | null; lng?: number | null };
  patch?: LuggagePatch;
  /** Work for after commit (re-plans), recorded in the same transaction as the steps. */
  outbox?: readonly OutboxWrite[];
}

/**
 * Takes the booking's row lock, held until the caller's transaction ends; null when no row
 * matches (by then, for `{ id, version }`: when the booking changed since it was read).
 */
export async function lockLuggageBooking(
  em: EntityManager,
  where: FindOptionsWhere<LuggageBookingEntity>,
): Promise<LockedLuggageBooking | null> {
  const row = await em.getRepository(LuggageBookingEntity).findOne({ where, lock: { mode: 'pessimistic_write' } });
  return row as LockedLuggageBooking | null;
}

/**
 * The one writer of luggage status and custody log: applies `steps` in order through the state
 * machine (nextLuggageStatus refuses a step with a stable 409 code before anything is written),
 * sets the patch and the new status, bumps the version unless every step is silent (a wrong PIN
 * alone), appends one custody row per step and the outbox rows, all in the caller's transaction.
 * No steps: a plan change (van, planned times), a new version and no custody row.
 */
export async function transitionLuggage(
  em: EntityManager,
  booking: LockedLuggageBooking,
  steps: readonly CustodyEntry[],
  change: LuggageChange,
): Promise<LockedLuggageBooking> {
  let status: LuggageStatus = booking.status;
  for (const entry of steps) status = nextLuggageStatus(status, entry.step);
  const announced = steps.length === 0 || steps.some((entry) => stepIsAnnounced(entry.step));
  const update: LuggagePatch & Pick<Partial<LuggageBookingEntity>, 'status' | 'version' | 'updatedAt'> = {
    ...change.patch,
    status,
    ...(announced ? { version: booking.version + 1, updatedAt: change.at } : {}),
  };
  await em.getRepository(LuggageBookingEntity).update({ id: booking.id }, update);
  if (steps.length) {
    await em.getRepository(CustodyEventEntity).insert(
      steps.map((entry) => ({
        bookingId: booking.id,
        type: entry.step,
        actorUserId: change.actor.userId,
        actorRole: change.actor.role,
        at: change.at,
        lat: change.where?.lat ?? null,
        lng: change.where?.lng ?? null,
        // jsonb: TypeORM's deep-partial type cannot follow an open record.
        details: (entry.details ?? {}) as never,
      })),
    );
  }
  for (const write of change.outbox ?? []) await write(em);
  return Object.assign(booking, update);
}

/**
 * A new booking (status booked, version 1) with the first entry of its log and its planning
 * job, in the caller's transaction. The row is new: no one else can see it, let alone lock it.
 * The caller chooses the id (the PIN hash binds it).
 */
export async function insertLuggageBooking(
  em: EntityManager,
  draft: DeepPartial<LuggageBookingEntity> & { id: string; createdAt: Date },
  first: { actor: CustodyActor; details: Record<string, unknown>; outbox?: readonly OutboxWrite[] },
): Promise<LuggageBookingEntity> {
  const repo = em.getRepository(LuggageBookingEntity);
  const booking = repo.create({ ...draft, status: LuggageStatus.Booked, version: 1 });
  await repo.save(booking);
  const step = CustodyEventType.Booked;
  nextLuggageStatus(booking.status, step);
  await em.getRepository(CustodyEventEntity).insert({
    bookingId: booking.id,
    type: step,
    actorUserId: first.actor.userId,
    actorRole: first.actor.role,
    at: draft.createdAt,
    lat: null,
    lng: null,
    details: first.details as never,
  });
  for (const write of first.outbox ?? []) await write(em);
  return booking;
}

/**
 * When a courier's step happened: the phone's time if it sent one (bounds: resolveOccurredAt),
 * else the server's time, read here, with the booking's row lock held. A time read before
 * waiting for the lock could be older than the step that held it, and a step sent without a
 * time would be refused as "too early".
 */
export async function custodyStepTime(
  em: EntityManager,
  booking: LockedLuggageBooking,
  actorUserId: string,
  claimed: Date | undefined,
  clock: Clock,
): Promise<Date> {
  const serverNow = clock.now();
  const last = await em
    .getRepository(CustodyEventEntity)
    .findOne({ where: { bookingId: booking.id }, order: { at: 'DESC', id: 'DESC' } });
  const notBefore = last
    ? { at: last.at, step: last.type, byOthers: last.actorUserId !== actorUserId }
    : { at: booking.createdAt, step: 'booked', byOthers: true };
  return resolveOccurredAt(claimed, serverNow, notBefore);
}

/** The custody log of a booking, oldest first (optionally only entries of one step). */
export function custodyLog(
  em: EntityManager,
  bookingId: string,
  step?: CustodyEventType,
): Promise<CustodyEventEntity[]> {
  return em
    .getRepository(CustodyEventEntity)
    .find({ where: { bookingId, ...(step ? { type: step } : {}) }, order: { id: 'ASC' } });
}
