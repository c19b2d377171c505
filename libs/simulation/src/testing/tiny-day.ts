import { matrixFromRows } from '@app/dispatch';
import { SimDay } from '../day';
import { SimRequest } from '../demand';
import { DayParams } from '../params';

/**
 * A hand-made day on a line: place k sits at k km; driving 1 km takes 60 s. Service from 08:00
 * to 09:00, max wait 10 min, dwell 30 s. Requests fill in the defaults.
 */
export function tinyDay(
  places: number,
  vans: number,
  requests: (Partial<SimRequest> & Pick<SimRequest, 'at' | 'from' | 'to'>)[],
  seats = 4,
): SimDay {
  const seconds = Array.from({ length: places }, (_, i) =>
    Array.from({ length: places }, (_, j) => Math.abs(i - j) * 60),
  );
  const meters = Array.from({ length: places }, (_, i) =>
    Array.from({ length: places }, (_, j) => Math.abs(i - j) * 1000),
  );
  return {
    params: {} as DayParams,
    requests: requests.map((r, k) => ({
      id: `r${k + 1}`,
      passengers: 1,
      noShow: false,
      cancelAt: null,
      component: 'test',
      ...r,
    })),
    travel: matrixFromRows(seconds, meters),
    depot: 0,
    vans,
    seats,
    serviceStart: 8 * 3600,
    serviceEnd: 9 * 3600,
    maxWaitS: 600,
    dwellS: 30,
    rideTimeAlpha: 1.5,
    rideTimeBetaS: 600,
  };
}
