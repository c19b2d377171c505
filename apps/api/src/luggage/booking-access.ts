import { EntityManager } from 'typeorm';
import { LuggageBookingEntity } from '@app/database';
import { LuggageErrorCode, notFound, Principal, worksInArea } from '@app/domain';

/**
 * A booking as a dispatcher (or admin) may see it: one outside their areas looks like no
 * booking at all. `lock` takes the row for an update in the caller's transaction.
 */
export async function dispatchableBooking(em: EntityManager, principal: Principal, id: string, lock = false): Promise<LuggageBookingEntity> {
  const booking = await em.getRepository(LuggageBookingEntity).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!booking || !worksInArea(principal, booking.areaId)) throw notFound(LuggageErrorCode.NotFound, 'No such luggage booking.');
  return booking;
}
