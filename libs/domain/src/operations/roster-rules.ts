import { ErrorCodes, invalid } from '../errors';

export interface Interval {
  start: Date;
  end: Date;
}

export const MAX_SHIFT_HOURS = 16;

export const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

/**
 * A shift runs forwards, lasts at most MAX_SHIFT_HOURS, and its breaks lie inside it without
 * overlapping one another. Returns the breaks sorted.
 */
export function validateShiftTimes(shift: Interval, breaks: Interval[]): Interval[] {
  if (Number.isNaN(shift.start.getTime()) || Number.isNaN(shift.end.getTime())) {
    throw invalid(ErrorCodes.SHIFT_TIMES_INVALID, 'Shift start and end must be ISO 8601 instants.');
  }
  if (shift.end <= shift.start) throw invalid(ErrorCodes.SHIFT_TIMES_INVALID, 'The shift must end after it starts.');
  if (shift.end.getTime() - shift.start.getTime() > MAX_SHIFT_HOURS * 3600_000) {
    throw invalid(ErrorCodes.SHIFT_TIMES_INVALID, `A shift lasts at most ${MAX_SHIFT_HOURS} hours; split it in two.`);
  }
  const sorted = [...breaks].sort((a, b) => a.start.getTime() - b.start.getTime());
  sorted.forEach((b, i) => {
    if (Number.isNaN(b.start.getTime()) || Number.isNaN(b.end.getTime()) || b.end <= b.start) {
      throw invalid(ErrorCodes.SHIFT_BREAK_INVALID, `Break ${i + 1} must end after it starts.`);
    }
    if (b.start < shift.start || b.end > shift.end) {
      throw invalid(
        ErrorCodes.SHIFT_BREAK_INVALID,
        `Break ${b.start.toISOString()}-${b.end.toISOString()} lies outside the shift; move it inside.`,
      );
    }
    if (i > 0 && overlaps(sorted[i - 1], b))
      throw invalid(ErrorCodes.SHIFT_BREAK_INVALID, `Breaks ${i} and ${i + 1} overlap; merge them.`);
  });
  return sorted;
}

/** The first existing interval the candidate overlaps, if any. */
export function findOverlap<T extends Interval>(candidate: Interval, existing: T[]): T | undefined {
  return existing.find((e) => overlaps(candidate, e));
}

/** A planned shift that now starts later or ends earlier leaves some of its window uncovered. */
export function shiftShrinks(before: Interval, after: Interval): boolean {
  return after.start > before.start || after.end < before.end;
}

/**
 * The stretch of a shift in which a van can take work now: from now (or the end of the break it
 * is on) until the next break starts or the shift ends. Breaks are taken where the van's route
 * ends (its home depot), so work is planned to finish there by then.
 */
export function workingStretch(now: Date, shiftEnd: Date, breaks: readonly Interval[]): Interval {
  const sorted = [...breaks].sort((a, b) => a.start.getTime() - b.start.getTime());
  const current = sorted.find((b) => b.start <= now && now < b.end);
  const start = current ? current.end : now;
  const next = sorted.find((b) => b.start >= start);
  return { start, end: next && next.start < shiftEnd ? next.start : shiftEnd };
}
