/** A name in both languages of the service. */
export interface BilingualName {
  ko: string;
  en: string;
}

/** An instant range, ISO strings. */
export interface TimeWindow {
  start: string;
  end: string;
}

export interface BagCounts {
  carry_on: number;
  suitcase: number;
  oversize: number;
}

/** A weekly opening window (ISO weekday, Monday = 1; times HH:mm in the area's zone). */
export interface WeeklyWindow {
  weekday: number;
  opens: string;
  closes: string;
}

export interface DayWindow {
  opens: string;
  closes: string;
}

/** A holiday or special day: no hours = closed all day. */
export interface Holiday {
  date: string;
  name?: BilingualName;
  hours?: DayWindow[];
}
