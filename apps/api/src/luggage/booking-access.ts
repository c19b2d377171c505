import { EntityManager } from 'typeorm';
import { LockedLuggageBooking, lockLuggageBooking, LuggageBookingEntity } from '@app/database';
import { LuggageErrorCode, notFound, Principal, worksInArea } from '@app/domain';

const visibleTo = <T extends LuggageBookingEntity>(principal: Principal, booking: T | null): T => {
  if (!booking || !worksInArea(principal, booking.areaId))
    throw notFound(LuggageErrorCode.NotFound, 'No such luggage booking.');
  return booking;
};

/** A booking as a dispatcher (or admin) may see it: one outside their areas looks like no booking at all. */
export async function dispatchableBooking(
  em: EntityManager,
  principal: Principal,
  id: string,
): Promise<LuggageBookingEntity> {
  return visibleTo(principal, await em.getRepository(LuggageBookingEntity).findOneBy({ id }));
}

/** The same, with the row lock taken in the caller's transaction, for a step on it. */
export async function lockedDispatchableBooking(
  em: EntityManager,
  principal: Principal,
  id: string,
): Promise<LockedLuggageBooking> {
  return visibleTo(principal, await lockLuggageBooking(em, { id }));
}
