import { invalid } from './errors';

/** A phone's clock may run a little ahead of the server's: this much is accepted. */
export const OCCURRED_AT_SKEW_MS = 2 * 60_000;

export const OccurredAtErrorCode = {
  InFuture: 'OCCURRED_AT_IN_FUTURE',
  TooEarly: 'OCCURRED_AT_TOO_EARLY',
} as const;

/**
 * When a field action really happened: the time the phone recorded (actions queued without
 * signal are sent later), else now. Refused when ahead of the server by more than the skew
 * (a slightly fast clock is recorded as now) or before the step it follows.
 */
export function resolveOccurredAt(claimed: Date | undefined, now: Date, notBefore: { at: Date; step: string } | null, skewMs = OCCURRED_AT_SKEW_MS): Date {
  const at = claimed ?? now;
  if (at.getTime() > now.getTime() + skewMs) {
    throw invalid(OccurredAtErrorCode.InFuture, 'occurredAt is in the future.', { occurredAt: at.toISOString(), serverNow: now.toISOString() });
  }
  const recorded = at.getTime() > now.getTime() ? now : at;
  if (notBefore && recorded.getTime() < notBefore.at.getTime()) {
    throw invalid(OccurredAtErrorCode.TooEarly, `occurredAt is before the previous step (${notBefore.step}).`, { occurredAt: recorded.toISOString(), notBefore: notBefore.at.toISOString() });
  }
  return recorded;
}
