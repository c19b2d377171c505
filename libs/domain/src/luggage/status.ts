import { conflict } from '../errors';
import { CustodyEventType } from './custody';
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

/**
 * Every custody step, once: the statuses it may be taken from, the status it leads to (none: the
 * status stays, the step is a note in the log), and the code it is refused with from any other
 * status. The custody writer (libs/database/src/luggage) applies steps only through this table.
 */
interface StepRule {
  readonly from: readonly LuggageStatus[];
  readonly to?: LuggageStatus;
  /** Default: LUGGAGE_STATUS_CONFLICT. */
  readonly refusedWith?: typeof LuggageErrorCode.StatusConflict | typeof LuggageErrorCode.NotCancellable;
  /** A step the board and the traveller need not hear of: it writes no new version (a wrong PIN alone). */
  readonly silent?: boolean;
}

const { Booked, Assigned, CourierEnRoute, PickedUp, InTransit, Delivered, Failed, Cancelled } = LuggageStatus;
const ANY = LUGGAGE_STATUSES;
const CARRYING = [PickedUp, InTransit] as const;

export const LUGGAGE_STEPS: Readonly<Record<CustodyEventType, StepRule>> = {
  // The first entry of the log, written with the booking's insert.
  [CustodyEventType.Booked]: { from: [Booked] },
  [CustodyEventType.Assigned]: { from: [Booked], to: Assigned },
  // A re-plan may move a booking back to booked (unassigned) before anyone sets off.
  [CustodyEventType.Unassigned]: { from: [Assigned], to: Booked },
  [CustodyEventType.AtRisk]: { from: [Booked, Assigned, CourierEnRoute, PickedUp, InTransit] },
  [CustodyEventType.CourierEnRoute]: { from: [Assigned], to: CourierEnRoute },
  [CustodyEventType.PickedUp]: { from: [CourierEnRoute], to: PickedUp },
  [CustodyEventType.InTransit]: { from: [PickedUp], to: InTransit },
  [CustodyEventType.Delivered]: { from: CARRYING, to: Delivered },
  [CustodyEventType.PinRejected]: { from: CARRYING, silent: true },
  [CustodyEventType.HandoverLocked]: { from: CARRYING },
  // A lock outlives the delivery attempt (the bags may be returned as failed): a dispatcher may lift it whenever.
  [CustodyEventType.HandoverReleased]: { from: ANY },
  [CustodyEventType.TravellerAbsent]: { from: [Assigned, CourierEnRoute], to: Failed },
  // Notes on the bags are taken whenever the courier finds something, even after the handover.
  [CustodyEventType.BagCountMismatch]: { from: ANY },
  [CustodyEventType.Damage]: { from: ANY },
  [CustodyEventType.DeliveryFailed]: { from: CARRYING, to: Failed },
  // Free until a courier sets off, then a fee (cancellationFeeFor); never once the bags are taken.
  [CustodyEventType.Cancelled]: {
    from: [Booked, Assigned, CourierEnRoute],
    to: Cancelled,
    refusedWith: LuggageErrorCode.NotCancellable,
  },
};

const STEPS = Object.entries(LUGGAGE_STEPS) as Array<[CustodyEventType, StepRule]>;

/**
 * The status of a booking after `step`: the step's target, or the same status for a note. Throws
 * the step's refusal (409, LUGGAGE_STATUS_CONFLICT or LUGGAGE_NOT_CANCELLABLE) from any other status.
 */
export function nextLuggageStatus(from: LuggageStatus, step: CustodyEventType): LuggageStatus {
  const rule = LUGGAGE_STEPS[step];
  if (!rule.from.includes(from)) {
    throw conflict(
      rule.refusedWith ?? LuggageErrorCode.StatusConflict,
      `A booking that is ${from} cannot take the step ${step}.`,
      { from, step },
    );
  }
  return rule.to ?? from;
}

/** Whether the step leaves a new version of the booking (what clients compare copies by). */
export const stepIsAnnounced = (step: CustodyEventType): boolean => !LUGGAGE_STEPS[step].silent;

export function canTransition(from: LuggageStatus, to: LuggageStatus): boolean {
  return STEPS.some(([, rule]) => rule.to === to && rule.from.includes(from));
}

/** Throws LUGGAGE_STATUS_CONFLICT (409) when no step leads from the current status to `to`. */
export function assertTransition(from: LuggageStatus, to: LuggageStatus): void {
  if (!canTransition(from, to)) {
    throw conflict(LuggageErrorCode.StatusConflict, `A booking that is ${from} cannot become ${to}.`, { from, to });
  }
}

/** No step changes the status any more (delivered, failed, cancelled). */
export const isTerminal = (s: LuggageStatus) =>
  !STEPS.some(([, rule]) => rule.to !== undefined && rule.from.includes(s));

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
  throw conflict(LuggageErrorCode.NotCancellable, `A booking that is ${status} can no longer be cancelled.`, {
    status,
  });
}
