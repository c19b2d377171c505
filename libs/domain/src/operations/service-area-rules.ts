import { DateTime } from 'luxon';
import { ErrorCodes, invalid } from '../errors';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface WeeklyWindow {
  weekday: number;
  opens: string;
  closes: string;
}

/** A public holiday or special day: `hours` empty or absent means the service is closed. */
export interface HolidayRule {
  date: string;
  name?: { ko: string; en: string };
  hours?: Array<{ opens: string; closes: string }>;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function checkWindow(where: string, opens: unknown, closes: unknown): void {
  if (typeof opens !== 'string' || !HHMM.test(opens) || typeof closes !== 'string' || !HHMM.test(closes)) {
    throw invalid(ErrorCodes.AREA_HOURS_INVALID, `${where}: opening and closing times must be "HH:MM" (00:00-23:59).`);
  }
  if (minutes(opens) >= minutes(closes)) {
    throw invalid(ErrorCodes.AREA_HOURS_INVALID, `${where}: opens ${opens} must be before closes ${closes}.`);
  }
}

function checkNoOverlap(where: string, windows: Array<{ opens: string; closes: string }>): void {
  const sorted = [...windows].sort((a, b) => minutes(a.opens) - minutes(b.opens));
  for (let i = 1; i < sorted.length; i++) {
    if (minutes(sorted[i].opens) < minutes(sorted[i - 1].closes)) {
      throw invalid(
        ErrorCodes.AREA_HOURS_OVERLAP,
        `${where}: ${sorted[i - 1].opens}-${sorted[i - 1].closes} and ${sorted[i].opens}-${sorted[i].closes} overlap; merge them.`,
      );
    }
  }
}

/** Weekly hours: ISO weekdays 1-7, "HH:MM" with opens < closes, no overlapping windows per day. */
export function validateServiceHours(windows: WeeklyWindow[]): WeeklyWindow[] {
  for (const w of windows) {
    if (!Number.isInteger(w.weekday) || w.weekday < 1 || w.weekday > 7) {
      throw invalid(
        ErrorCodes.AREA_HOURS_INVALID,
        `Weekday ${String(w.weekday)} is not an ISO weekday (Monday = 1 ... Sunday = 7).`,
      );
    }
    checkWindow(`weekday ${w.weekday}`, w.opens, w.closes);
  }
  for (let d = 1; d <= 7; d++)
    checkNoOverlap(
      `weekday ${d}`,
      windows.filter((w) => w.weekday === d),
    );
  return [...windows].sort((a, b) => a.weekday - b.weekday || minutes(a.opens) - minutes(b.opens));
}

/** Holidays: real calendar dates "YYYY-MM-DD", each at most once, with valid (or no) hours. */
export function validateHolidays(holidays: HolidayRule[]): HolidayRule[] {
  const seen = new Set<string>();
  for (const h of holidays) {
    const date =
      typeof h.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(h.date)
        ? DateTime.fromISO(h.date, { zone: 'utc' })
        : null;
    if (!date?.isValid)
      throw invalid(
        ErrorCodes.AREA_HOLIDAY_INVALID,
        `Holiday date "${String(h.date)}" is not a calendar date "YYYY-MM-DD".`,
      );
    if (seen.has(h.date))
      throw invalid(ErrorCodes.AREA_HOLIDAY_DUPLICATE, `Holiday ${h.date} is listed twice; keep one entry per date.`);
    seen.add(h.date);
    for (const w of h.hours ?? []) checkWindow(`holiday ${h.date}`, w.opens, w.closes);
    checkNoOverlap(`holiday ${h.date}`, h.hours ?? []);
  }
  return [...holidays].sort((a, b) => a.date.localeCompare(b.date));
}

/** Dispatch knobs an admin may set; ranges are checked at the edge, relations here. */
export interface AreaSettingsInput {
  bookingHorizonDays?: number;
  maxWaitMin?: number;
  rideTimeAlpha?: number;
  rideTimeBetaMin?: number;
  dwellS?: number;
  noShowAfterMin?: number;
  /** Latest local time a same-day booking is taken ("HH:MM"). */
  sameDayCutoff?: string;
  /** Minimum minutes between booking and pickup. */
  bookingLeadMin?: number;
  /** A simulator's own area: see isSimulationArea. */
  simulation?: boolean;
}

/**
 * A simulator's own area (settings.simulation): its travellers, vans and couriers are all the
 * simulator's, so the planner (which plans per area) never hands simulated work to a person's
 * shift, and no demo login sees it. It overlaps the real area on the map, so it is left out of the
 * public catalogue and of every look-up by position: a person's booking or place never lands in it.
 */
export function isSimulationArea(area: { settings?: Record<string, unknown> | null }): boolean {
  return area.settings?.simulation === true;
}

export function validateAreaSettings(settings: AreaSettingsInput): AreaSettingsInput {
  if (settings.sameDayCutoff !== undefined && !HHMM.test(settings.sameDayCutoff)) {
    throw invalid(ErrorCodes.AREA_SETTINGS_INVALID, `sameDayCutoff "${settings.sameDayCutoff}" must be "HH:MM".`);
  }
  if (settings.rideTimeAlpha !== undefined && settings.rideTimeAlpha < 1) {
    throw invalid(
      ErrorCodes.AREA_SETTINGS_INVALID,
      'rideTimeAlpha must be at least 1: a ride may not be promised shorter than the direct trip.',
    );
  }
  if (
    settings.bookingLeadMin !== undefined &&
    settings.bookingHorizonDays !== undefined &&
    settings.bookingLeadMin >= settings.bookingHorizonDays * 24 * 60
  ) {
    throw invalid(ErrorCodes.AREA_SETTINGS_INVALID, 'bookingLeadMin must be shorter than the booking horizon.');
  }
  return settings;
}

/** Reads the holidays an admin stored in an area's settings (`settings.holidays`). */
export function holidaysFromSettings(settings: Record<string, unknown> | null | undefined): HolidayRule[] {
  const list = settings?.holidays;
  return Array.isArray(list) ? (list as HolidayRule[]) : [];
}

/**
 * The weekly windows that apply on the local date of `at`: the weekly hours, unless that date is a
 * holiday, whose own hours (none = closed) replace them. Feed the result to an hours check such
 * as isWithinServiceHours.
 */
export function hoursInEffect<W extends WeeklyWindow>(
  at: Date,
  weekly: readonly W[],
  holidays: readonly HolidayRule[],
  timezone: string,
): WeeklyWindow[] {
  const local = DateTime.fromJSDate(at, { zone: timezone });
  const holiday = holidays.find((h) => h.date === local.toISODate());
  if (!holiday) return [...weekly];
  return (holiday.hours ?? []).map((w) => ({ weekday: local.weekday, opens: w.opens, closes: w.closes }));
}
