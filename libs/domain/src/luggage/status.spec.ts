import { DomainError } from '../errors';
import { CustodyEventType as Step } from './custody';
import { LuggageErrorCode } from './error-codes';
import { isTerminal, LUGGAGE_STATUSES, LuggageStatus as S, nextLuggageStatus, stepIsAnnounced } from './status';

/**
 * The state machine written out again by hand, row by row, so a change to the table in
 * status.ts shows up here as a failing case: every step a booking in each status may take, and
 * where it leads. Every pair not listed must be refused.
 */
const ALLOWED: Record<S, Partial<Record<Step, S>>> = {
  [S.Booked]: {
    [Step.Booked]: S.Booked,
    [Step.Assigned]: S.Assigned,
    [Step.AtRisk]: S.Booked,
    [Step.HandoverReleased]: S.Booked,
    [Step.BagCountMismatch]: S.Booked,
    [Step.Damage]: S.Booked,
    [Step.Cancelled]: S.Cancelled,
  },
  [S.Assigned]: {
    [Step.Unassigned]: S.Booked,
    [Step.AtRisk]: S.Assigned,
    [Step.CourierEnRoute]: S.CourierEnRoute,
    [Step.HandoverReleased]: S.Assigned,
    [Step.TravellerAbsent]: S.Failed,
    [Step.BagCountMismatch]: S.Assigned,
    [Step.Damage]: S.Assigned,
    [Step.Cancelled]: S.Cancelled,
  },
  [S.CourierEnRoute]: {
    [Step.AtRisk]: S.CourierEnRoute,
    [Step.PickedUp]: S.PickedUp,
    [Step.HandoverReleased]: S.CourierEnRoute,
    [Step.TravellerAbsent]: S.Failed,
    [Step.BagCountMismatch]: S.CourierEnRoute,
    [Step.Damage]: S.CourierEnRoute,
    [Step.Cancelled]: S.Cancelled,
  },
  [S.PickedUp]: {
    [Step.AtRisk]: S.PickedUp,
    [Step.InTransit]: S.InTransit,
    [Step.Delivered]: S.Delivered,
    [Step.PinRejected]: S.PickedUp,
    [Step.HandoverLocked]: S.PickedUp,
    [Step.HandoverReleased]: S.PickedUp,
    [Step.BagCountMismatch]: S.PickedUp,
    [Step.Damage]: S.PickedUp,
    [Step.DeliveryFailed]: S.Failed,
  },
  [S.InTransit]: {
    [Step.AtRisk]: S.InTransit,
    [Step.Delivered]: S.Delivered,
    [Step.PinRejected]: S.InTransit,
    [Step.HandoverLocked]: S.InTransit,
    [Step.HandoverReleased]: S.InTransit,
    [Step.BagCountMismatch]: S.InTransit,
    [Step.Damage]: S.InTransit,
    [Step.DeliveryFailed]: S.Failed,
  },
  [S.Delivered]: {
    [Step.HandoverReleased]: S.Delivered,
    [Step.BagCountMismatch]: S.Delivered,
    [Step.Damage]: S.Delivered,
  },
  [S.Failed]: { [Step.HandoverReleased]: S.Failed, [Step.BagCountMismatch]: S.Failed, [Step.Damage]: S.Failed },
  [S.Cancelled]: {
    [Step.HandoverReleased]: S.Cancelled,
    [Step.BagCountMismatch]: S.Cancelled,
    [Step.Damage]: S.Cancelled,
  },
};

const STEPS = Object.values(Step);
const cases = LUGGAGE_STATUSES.flatMap((from) => STEPS.map((step) => ({ from, step, to: ALLOWED[from][step] })));
const refusalOf = (from: S, step: Step): DomainError => {
  try {
    nextLuggageStatus(from, step);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error(`${step} from ${from} was not refused`);
};

describe('luggage custody steps', () => {
  it.each(cases.filter((c) => c.to !== undefined))('takes $step from $from to $to', ({ from, step, to }) => {
    expect(nextLuggageStatus(from, step)).toBe(to);
  });

  it.each(cases.filter((c) => c.to === undefined && c.step !== Step.Cancelled))(
    'refuses $step from $from with LUGGAGE_STATUS_CONFLICT (409)',
    ({ from, step }) => {
      expect(refusalOf(from, step)).toMatchObject({
        code: LuggageErrorCode.StatusConflict,
        category: 'conflict',
        details: { from, step },
      });
    },
  );

  it.each(cases.filter((c) => c.to === undefined && c.step === Step.Cancelled))(
    'refuses to cancel a booking that is $from with LUGGAGE_NOT_CANCELLABLE (409)',
    ({ from, step }) => {
      expect(refusalOf(from, step)).toMatchObject({ code: LuggageErrorCode.NotCancellable, category: 'conflict' });
    },
  );

  it('checks all 128 pairs of status and step', () => {
    expect(cases).toHaveLength(8 * 16);
  });

  it('treats delivered, failed and cancelled as terminal, and nothing else', () => {
    expect(LUGGAGE_STATUSES.filter(isTerminal)).toEqual([S.Delivered, S.Failed, S.Cancelled]);
  });

  it('gives every step a new version except a wrong PIN alone', () => {
    expect(STEPS.filter((step) => !stepIsAnnounced(step))).toEqual([Step.PinRejected]);
  });
});
