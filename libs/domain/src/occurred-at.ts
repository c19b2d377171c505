import { ErrorCode, invalid } from './errors';

/** A phone's clock may run a little ahead of the server's: this much is accepted. */
export const OCCURRED_AT_SKEW_MS = 2 * 60_000;

export const OccurredAtErrorCode = {
  InFuture: 'OCCURRED_AT_IN_FUTURE',
  TooEarly: 'OCCURRED_AT_TOO_EARLY',
} as const satisfies Record<string, ErrorCode>;

/** The step an action follows; `byOthers` when someone else recorded it (a dispatcher's assignment). */
export interface PreviousStep {
  at: Date;
  step: string;
  byOthers?: boolean;
}

/**
 * When a field action really happened: the time the phone recorded (actions queued without
 * signal are sent later), else now. Refused when ahead of the server by more than the skew
 * (a slightly fast clock is recorded as now). A time before the phone's own previous step is
 * refused (one phone's clock does not run backwards); a time before someone else's step is
 * recorded at that step, since the phone could not act on what it had not yet been told: its
 * clock is slow, and refusing would lose a real action.
 */
export function resolveOccurredAt(
  claimed: Date | undefined,
  now: Date,
  notBefore: PreviousStep | null,
  skewMs = OCCURRED_AT_SKEW_MS,
): Date {
  const at = claimed ?? now;
  if (at.getTime() > now.getTime() + skewMs) {
    throw invalid(OccurredAtErrorCode.InFuture, 'occurredAt is in the future.', {
      occurredAt: at.toISOString(),
      serverNow: now.toISOString(),
    });
  }
  const recorded = at.getTime() > now.getTime() ? now : at;
  if (notBefore && recorded.getTime() < notBefore.at.getTime()) {
    if (notBefore.byOthers) return notBefore.at;
    throw invalid(OccurredAtErrorCode.TooEarly, `occurredAt is before the previous step (${notBefore.step}).`, {
      occurredAt: recorded.toISOString(),
      notBefore: notBefore.at.toISOString(),
    });
  }
  return recorded;
}
