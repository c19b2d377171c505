import { EntityManager, In, Not } from 'typeorm';
import { LuggageBookingEntity, RideEntity } from '@app/database';
import { isFinal, isTerminal, LUGGAGE_STATUSES, RIDE_STATUSES } from '@app/domain';

/** Bookings that are neither finished, cancelled nor refused. */
const FINAL_RIDE = RIDE_STATUSES.filter((s) => isFinal(s));
const FINAL_LUGGAGE = LUGGAGE_STATUSES.filter((s) => isTerminal(s));

export interface OpenWork {
  rides: number;
  luggageBookings: number;
}

export const hasOpenWork = (w: OpenWork) => w.rides + w.luggageBookings > 0;

/**
 * Open bookings that start or end at a place. Every booking kind lives here, so a new kind
 * (say, a charter) is one more count, not a hunt through the admin services.
 */
export async function openBookingsAtPlace(em: EntityManager, placeId: string): Promise<OpenWork> {
  // One after the other: `em` is often a transaction, one connection that runs one query at a time.
  const pickup = await em.getRepository(RideEntity).countBy({ pickupPlaceId: placeId, status: Not(In(FINAL_RIDE)) });
  const dropoff = await em.getRepository(RideEntity).countBy({ dropoffPlaceId: placeId, status: Not(In(FINAL_RIDE)) });
  const origin = await em
    .getRepository(LuggageBookingEntity)
    .countBy({ originPlaceId: placeId, status: Not(In(FINAL_LUGGAGE)) });
  const destination = await em
    .getRepository(LuggageBookingEntity)
    .countBy({ destinationPlaceId: placeId, status: Not(In(FINAL_LUGGAGE)) });
  return { rides: pickup + dropoff, luggageBookings: origin + destination };
}

/** Open bookings assigned to a van: taking it away means someone must re-plan them. */
export async function openWorkOfVehicle(em: EntityManager, vehicleId: string): Promise<OpenWork> {
  const rides = await em.getRepository(RideEntity).countBy({ vehicleId, status: Not(In(FINAL_RIDE)) });
  const luggageBookings = await em
    .getRepository(LuggageBookingEntity)
    .countBy({ vehicleId, status: Not(In(FINAL_LUGGAGE)) });
  return { rides, luggageBookings };
}
