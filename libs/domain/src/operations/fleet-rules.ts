import { ErrorCodes, invalid } from '../errors';

/**
 * A van carries people, bags or both: no negative capacity, something to carry, and a shuttle
 * van must have seats (a luggage van may have two seats for the courier's helper, or none).
 */
export function validateVehicleCapacity(input: { seats: number; bagSlots: number; needsSeats: boolean }): void {
  const { seats, bagSlots } = input;
  if (!Number.isInteger(seats) || seats < 0)
    throw invalid(ErrorCodes.VEHICLE_CAPACITY_INVALID, `seats must be a whole number of 0 or more (got ${seats}).`);
  if (!Number.isInteger(bagSlots) || bagSlots < 0)
    throw invalid(
      ErrorCodes.VEHICLE_CAPACITY_INVALID,
      `bagSlots must be a whole number of 0 or more (got ${bagSlots}).`,
    );
  if (seats + bagSlots === 0)
    throw invalid(ErrorCodes.VEHICLE_CAPACITY_INVALID, 'A van needs seats or bag slots: both are 0.');
  if (input.needsSeats && seats === 0)
    throw invalid(ErrorCodes.VEHICLE_CAPACITY_INVALID, 'A shuttle van needs at least one passenger seat.');
}

/** Korean plates are written with spaces in varying places; one canonical form keeps them unique. */
export function normalisePlate(plate: string): string {
  return plate.trim().replace(/\s+/g, ' ');
}
