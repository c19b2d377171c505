import { conflict } from '../errors';
import { LuggageErrorCode } from './error-codes';

/** The life of a luggage booking. Terminal: delivered, failed, cancelled. */
export enum LuggageStatus {
  Booked = 'booked',
  Assigned = 'assigned',
  CourierEnRoute = 'courier_en_route',
  PickedUp = 'picked_up',
  InTransit = 'in_transit',
  Delivered = 'delivered',
  Failed = 'failed',
  Cancelled = 'cancelled',
}

export const LUGGAGE_STATUSES: readonly LuggageStatus[] = Object.values(LuggageStatus);

const NEXT: Record<LuggageStatus, readonly LuggageStatus[]> = {
  // A re-plan may move a booking back to booked (unassigned) before anyone sets off.
  [LuggageStatus.Booked]: [LuggageStatus.Assigned, LuggageStatus.Cancelled, LuggageStatus.Failed],
  [LuggageStatus.Assigned]: [LuggageStatus.Booked, LuggageStatus.Assigned, LuggageStatus.CourierEnRoute, LuggageStatus.Cancelled, LuggageStatus.Failed],
  [LuggageStatus.CourierEnRoute]: [LuggageStatus.PickedUp, LuggageStatus.Cancelled, LuggageStatus.Failed],
  [LuggageStatus.PickedUp]: [LuggageStatus.InTransit, LuggageStatus.Delivered, LuggageStatus.Failed],
  [LuggageStatus.InTransit]: [LuggageStatus.Delivered, LuggageStatus.Failed],
  [LuggageStatus.Delivered]: [],
  [LuggageStatus.Failed]: [],
  [LuggageStatus.Cancelled]: [],
};

export function canTransition(from: LuggageStatus, to: LuggageStatus): boolean {
  return NEXT[from].includes(to);
}

/** Throws LUGGAGE_STATUS_CONFLICT (409) when the step is not allowed from the current status. */
export function assertTransition(from: LuggageStatus, to: LuggageStatus): void {
  if (!canTransition(from, to)) {
    throw conflict(LuggageErrorCode.StatusConflict, `A booking that is ${from} cannot become ${to}.`, { from, to });
  }
}

export const isTerminal = (s: LuggageStatus) => NEXT[s].length === 0;

/** Statuses in which the plan still has to serve the booking. */
export const PLANNABLE_STATUSES: readonly LuggageStatus[] = [
  LuggageStatus.Booked,
  LuggageStatus.Assigned,
  LuggageStatus.CourierEnRoute,
  LuggageStatus.PickedUp,
  LuggageStatus.InTransit,
];

/** The bags are in the van: only the delivery remains. */
export const isCarrying = (s: LuggageStatus) => s === LuggageStatus.PickedUp || s === LuggageStatus.InTransit;

/** The traveller may see the courier's position only while it concerns them. */
export const showsCourierPosition = (s: LuggageStatus) => s === LuggageStatus.CourierEnRoute || isCarrying(s);

/** Free cancellation until a courier sets off for the pickup; then a fee; never once the bags are taken. */
export function cancellationFeeFor(status: LuggageStatus, feeKrw: number): number {
  if (status === LuggageStatus.Booked || status === LuggageStatus.Assigned) return 0;
  if (status === LuggageStatus.CourierEnRoute) return feeKrw;
  throw conflict(LuggageErrorCode.NotCancellable, `A booking that is ${status} can no longer be cancelled.`, { status });
}
