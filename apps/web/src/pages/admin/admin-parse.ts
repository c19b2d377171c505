// The admin forms' text formats (opening hours, holidays, breaks): pure, so they are unit-tested.
import type { BilingualName, DayWindow, Holiday, ShiftBreak, WeeklyWindow } from '@app/contract';

/** ISO weekdays, Monday = 1. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** The service runs in Asia/Seoul, which keeps +09:00 all year (no daylight saving). */
export const SEOUL_OFFSET = '+09:00';
export const DAY_MS = 24 * 3600_000;
export const seoulAt = (day: string, hhmm: string): Date => new Date(`${day}T${hhmm}:00${SEOUL_OFFSET}`);
const seoulHm = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Asia/Seoul',
});
/** "HH:MM" in Seoul, the form the inputs take (independent of the page's language). */
export const hm = (iso: string): string => seoulHm.format(new Date(iso));

/** "9:05" → "09:05"; null unless a time of day 00:00-23:59. */
export function hhmm(text: string): string | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return `${m[1].padStart(2, '0')}:${m[2]}`;
}

/** "12:00-12:30" (or with – or ~) → its two times; null when either is not a time of day. */
export function timeRange(text: string): [string, string] | null {
  const m = /^([^-–~]+)[-–~]([^-–~]+)$/.exec(text.trim());
  const from = m && hhmm(m[1]);
  const to = m && hhmm(m[2]);
  return from && to ? [from, to] : null;
}

export const isCalendarDate = (s: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export type HolidayProblem = 'date' | 'hours' | 'overlap' | 'duplicate' | 'name';
export type HolidayParse =
  { ok: true; holidays: Holiday[] } | { ok: false; line: number; text: string; problem: HolidayProblem };

/** One holiday as one line of the area form: date, own hours if any, "ko / en" name if any. */
export function holidayLine(h: Holiday): string {
  const hours = (h.hours ?? []).map((w) => `${w.opens}-${w.closes}`).join(', ');
  const label = h.name ? (h.name.ko === h.name.en ? h.name.ko : `${h.name.ko} / ${h.name.en}`) : '';
  return [h.date, hours, label].filter(Boolean).join(' ');
}

export const HOLIDAY_HOURS =
  /^(\d{1,2}:\d{2}\s*[-–~]\s*\d{1,2}:\d{2}(?:\s*,\s*\d{1,2}:\d{2}\s*[-–~]\s*\d{1,2}:\d{2})*)(?=\s|$)/;

/**
 * Reads the holiday lines: `2026-12-25 성탄절 / Christmas Day` (closed all day) or
 * `2026-12-24 10:00-13:00, 15:00-17:00 성탄 전야 / Christmas Eve` (those hours only). The first
 * line that does not read stops everything, so a typo never sends a shortened list.
 */
export function parseHolidays(text: string): HolidayParse {
  const holidays: Holiday[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const fail = (problem: HolidayProblem): HolidayParse => ({ ok: false, line: i + 1, text: line, problem });
    const [date] = line.split(/\s/, 1);
    if (!isCalendarDate(date)) return fail('date');
    if (holidays.some((h) => h.date === date)) return fail('duplicate');
    let rest = line.slice(date.length).trim();
    const hours: DayWindow[] = [];
    const span = HOLIDAY_HOURS.exec(rest);
    if (span) {
      for (const part of span[1].split(',')) {
        const range = timeRange(part);
        if (!range || range[0] >= range[1]) return fail('hours');
        hours.push({ opens: range[0], closes: range[1] });
      }
      hours.sort((a, b) => a.opens.localeCompare(b.opens));
      if (hours.some((w, k) => k > 0 && w.opens < hours[k - 1].closes)) return fail('overlap');
      rest = rest.slice(span[1].length).trim();
    } else if (/^\d{1,2}:\d{2}/.test(rest)) {
      return fail('hours');
    }
    let name: BilingualName | undefined;
    if (rest) {
      const slash = rest.indexOf('/');
      const ko = (slash < 0 ? rest : rest.slice(0, slash)).trim();
      const en = (slash < 0 ? rest : rest.slice(slash + 1)).trim();
      name = { ko: ko || en, en: en || ko };
      if (!name.ko || name.ko.length > 120 || name.en.length > 120) return fail('name');
    }
    holidays.push({ date, ...(name ? { name } : {}), hours });
  }
  return { ok: true, holidays: holidays.sort((a, b) => a.date.localeCompare(b.date)) };
}

/**
 * Reads breaks `12:00-12:30, 15:00-15:15` as Seoul times on the shift's start day; a time before
 * the shift's start (or a break's end before its start) is on the next day, for night shifts.
 * Returns the part that does not read instead; the server checks that they lie inside the shift.
 */
export function parseBreaks(
  text: string,
  day: string,
  shiftStart: Date,
): { ok: true; breaks: ShiftBreak[] } | { ok: false; part: string } {
  const breaks: ShiftBreak[] = [];
  for (const part of text.split(/[,\n]/).map((p) => p.trim())) {
    if (!part) continue;
    const range = timeRange(part);
    if (!range) return { ok: false, part };
    let start = seoulAt(day, range[0]);
    if (start < shiftStart) start = new Date(start.getTime() + DAY_MS);
    let end = seoulAt(day, range[1]);
    if (end <= start) end = new Date(end.getTime() + DAY_MS);
    breaks.push({ start: start.toISOString(), end: end.toISOString() });
  }
  return { ok: true, breaks };
}

/** A weekday's opening windows as the area form writes them: "07:00-10:00, 17:00-20:00". */
export function hoursText(hours: WeeklyWindow[], day: number): string {
  return hours
    .filter((h) => h.weekday === day)
    .map((h) => `${h.opens}-${h.closes}`)
    .join(', ');
}
