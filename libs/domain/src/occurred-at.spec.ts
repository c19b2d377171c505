import { DomainError } from './errors';
import { resolveOccurredAt } from './occurred-at';

describe('the time a field action really happened', () => {
  const now = new Date('2026-05-04T08:00:00Z');
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as DomainError).code;
    }
    return null;
  };

  it('is now when the phone sends no time', () => {
    expect(resolveOccurredAt(undefined, now, null)).toEqual(now);
  });

  it('is the recorded time of an action queued without signal', () => {
    const at = new Date('2026-05-04T07:50:00Z');
    expect(resolveOccurredAt(at, now, { at: new Date('2026-05-04T07:40:00Z'), step: 'assigned' })).toEqual(at);
  });

  it('takes a clock a little fast as now, and refuses one far ahead', () => {
    expect(resolveOccurredAt(new Date('2026-05-04T08:01:30Z'), now, null)).toEqual(now);
    expect(code(() => resolveOccurredAt(new Date('2026-05-04T08:02:01Z'), now, null))).toBe('OCCURRED_AT_IN_FUTURE');
  });

  it("refuses a time before the phone's own previous step", () => {
    expect(
      code(() =>
        resolveOccurredAt(new Date('2026-05-04T07:39:59Z'), now, {
          at: new Date('2026-05-04T07:40:00Z'),
          step: 'arrived',
        }),
      ),
    ).toBe('OCCURRED_AT_TOO_EARLY');
  });

  it("records a time before someone else's step (a slow phone clock) at that step", () => {
    const assignedAt = new Date('2026-05-04T07:40:00Z');
    expect(
      resolveOccurredAt(new Date('2026-05-04T07:39:00Z'), now, { at: assignedAt, step: 'assigned', byOthers: true }),
    ).toEqual(assignedAt);
  });
});
