import { seoulDay, whenText } from './time';
import type { Translate } from './i18n';
import { en, ko, type MessageKey } from './messages';

describe('seoulDay', () => {
  it('names the Seoul calendar day, which starts at 15:00 UTC the day before', () => {
    expect(seoulDay(new Date('2026-12-02T14:59:59Z'))).toBe('2026-12-02');
    expect(seoulDay(new Date('2026-12-02T15:00:00Z'))).toBe('2026-12-03');
  });
});

describe('whenText', () => {
  const tr =
    (dict: Record<MessageKey, string>): Translate =>
    (key, vars) =>
      dict[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars?.[k] ?? `{${k}}`));
  const now = Date.parse('2026-12-03T01:55:00+09:00');

  it('gives a far event as a clock time with hours and minutes, never hundreds of minutes', () => {
    expect(whenText(tr(en), 'en', '2026-12-03T08:11:00+09:00', now)).toBe('08:11, in 6 h 16 min');
    expect(whenText(tr(ko), 'ko', '2026-12-03T08:11:00+09:00', now)).toBe('08:11 (6시간 16분 후)');
  });

  it('gives a near event in minutes (rounded up), and a whole hour without minutes', () => {
    expect(whenText(tr(en), 'en', '2026-12-03T02:07:30+09:00', now)).toBe('02:07, in 13 min');
    expect(whenText(tr(ko), 'ko', '2026-12-03T03:55:00+09:00', now)).toBe('03:55 (2시간 후)');
  });

  it('names the day of an event on another Seoul day, and gives a past event as its clock time only', () => {
    expect(whenText(tr(en), 'en', '2026-12-04T09:00:00+09:00', now)).toBe('4 Dec, 09:00, in 31 h 5 min');
    expect(whenText(tr(en), 'en', '2026-12-03T01:40:00+09:00', now)).toBe('01:40');
  });
});
