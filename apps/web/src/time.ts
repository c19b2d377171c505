import { useEffect, useState } from 'react';
import type { Translate } from './i18n';

/** The current time, re-rendered every second (countdowns). */
export function useNow(periodMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(id);
  }, [periodMs]);
  return now;
}

/** Seoul's calendar day as YYYY-MM-DD (the service's day, whatever the phone's time zone). */
export const seoulDay = (d = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Seoul',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);

/** A datetime-local value read as Seoul time (the service's clock, whatever the phone's time zone), as an ISO instant. */
export const seoulInstant = (local: string): string => `${local.length === 16 ? `${local}:00` : local}+09:00`;

/**
 * When an event is due, as people read it: "08:11, in 6 h 16 min" (never "376 min"), the day
 * named when it is not today in Seoul, minutes rounded up, and only the clock time once it passed.
 */
export function whenText(t: Translate, locale: 'ko' | 'en', targetIso: string, nowMs: number): string {
  const target = new Date(targetIso);
  const tag = locale === 'ko' ? 'ko-KR' : 'en-GB';
  const today = seoulDay(target) === seoulDay(new Date(nowMs));
  const clock = new Intl.DateTimeFormat(tag, {
    ...(today ? {} : { month: 'short', day: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Seoul',
  }).format(target);
  const min = Math.ceil((target.getTime() - nowMs) / 60_000);
  if (min <= 0) return clock;
  const h = Math.floor(min / 60);
  const m = min % 60;
  const rel =
    h === 0 ? t('time.inMin', { min }) : m === 0 ? t('time.inHours', { h }) : t('time.inHoursMin', { h, min: m });
  return t('time.clockIn', { clock, in: rel });
}
