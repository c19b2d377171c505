import raw from './geomdan-day.params.json';
import { DayParams, validateParams } from './params';

/** The default parameter file, bundled (the bench reads the file itself to accept --params). */
export const GEOMDAN_DAY: DayParams = validateParams(raw as unknown);
