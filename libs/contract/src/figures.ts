export interface OnTime {
  onTime: number;
  of: number;
}

/** GET /v1/dispatch/day-figures: an area's day counted in the database. */
export interface DayFigures {
  areaId: string;
  date: string;
  timezone: string;
  from: string;
  to: string;
  shuttle: {
    served: number;
    rejected: number;
    cancelled: number;
    waitP50Min: number | null;
    waitP90Min: number | null;
    onTime: OnTime;
    utilisation: number | null;
  } | null;
  luggage: { delivered: number; failed: number; cancelled: number; onTime: OnTime } | null;
}
