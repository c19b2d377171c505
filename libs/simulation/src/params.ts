/**
 * Parameters of a simulated service day (read from a JSON file such as geomdan-day.params.json).
 * Times of day are "HH:MM" in the area's local time; the simulation counts seconds from local
 * midnight.
 */

export type PlaceKind = 'station' | 'terminus' | 'gate' | 'office' | 'bank' | 'factory' | 'depot';

export interface SimPlace {
  readonly code: string;
  readonly name: string;
  readonly kind: PlaceKind;
  /** Relative popularity within its kind (0: never an origin or destination). */
  readonly weight: number;
  readonly lat: number;
  readonly lng: number;
}

/** Where trips of a flow start and end: weights per place kind. */
export interface Flow {
  readonly from: Readonly<Partial<Record<PlaceKind, number>>>;
  readonly to: Readonly<Partial<Record<PlaceKind, number>>>;
}

interface ComponentBase {
  readonly name: string;
  /** Share of the day's requests from this component (shares are normalised). */
  readonly share: number;
  readonly flow: string;
}

/** Requests around a moment (shift change): normal distribution. */
export interface PeakComponent extends ComponentBase {
  readonly peak: { readonly at: string; readonly sdMin: number };
}
/** Requests spread evenly over an interval (lunch). */
export interface UniformComponent extends ComponentBase {
  readonly uniform: { readonly from: string; readonly to: string };
}
/**
 * Trains arriving every `everyMin` at a station: each request belongs to one train and is made
 * an exponentially distributed delay after it (walking out of the station); origin = the station.
 */
export interface TrainComponent extends ComponentBase {
  readonly trains: {
    readonly station: string;
    readonly from: string;
    readonly to: string;
    readonly everyMin: number;
    readonly meanDelayMin: number;
  };
}
/** Background demand with a weight per local hour ("7": 1.5, ...). */
export interface HourlyComponent extends ComponentBase {
  readonly hourly: Readonly<Record<string, number>>;
}

export type DemandComponent = PeakComponent | UniformComponent | TrainComponent | HourlyComponent;

export interface DayParams {
  readonly name: string;
  readonly timezone: string;
  /** Service hours of the simulated day (van shifts cover them). */
  readonly service: { readonly start: string; readonly end: string };
  /** As the area settings of the live system. */
  readonly settings: {
    readonly maxWaitMin: number;
    readonly rideTimeAlpha: number;
    readonly rideTimeBetaMin: number;
    readonly dwellS: number;
    readonly noShowAfterMin: number;
  };
  readonly fleet: { readonly vans: number; readonly seats: number; readonly depot: string };
  /** Haversine estimate: road factor and the time of day whose speed is used all day. */
  readonly travel: { readonly roadFactor: number; readonly referenceTime: string };
  readonly policy: { readonly reoptimizeEveryMin: number; readonly reoptimizeIterations: number };
  readonly places: readonly SimPlace[];
  readonly flows: Readonly<Record<string, Flow>>;
  readonly components: readonly DemandComponent[];
  /** Probability of each party size ("1": 0.7, ...). */
  readonly partySize: Readonly<Record<string, number>>;
  /** Share of requests whose riders are not at the pickup. */
  readonly noShowShare: number;
  /** Share of requests cancelled by the rider, within `cancelWithinMin` of booking. */
  readonly cancelShare: number;
  readonly cancelWithinMin: number;
  /** The live simulator (apps/simulator): calls per real hour fed to the demo fleet, rider accounts used. */
  readonly live?: { readonly callsPerRealHour: number; readonly riders: number };
}

/** "HH:MM" → seconds after midnight. */
export function secondsOfDay(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`bad time of day "${hhmm}" (expected HH:MM)`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59) throw new Error(`bad time of day "${hhmm}"`);
  return h * 3600 + min * 60;
}

/** Seconds after midnight → "HH:MM". */
export function clockOf(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Checks a parsed parameter file; throws with the first problem found. */
export function validateParams(raw: unknown): DayParams {
  const p = raw as DayParams;
  const fail = (what: string): never => {
    throw new Error(`simulation parameters: ${what}`);
  };
  if (!p || typeof p !== 'object') fail('not an object');
  const start = secondsOfDay(p.service?.start ?? '');
  const end = secondsOfDay(p.service?.end ?? '');
  if (end <= start) fail('service.end must be after service.start');
  if (!Array.isArray(p.places) || p.places.length < 2) fail('at least two places are needed');
  const codes = new Set(p.places.map((x) => x.code));
  if (!codes.has(p.fleet?.depot)) fail(`fleet.depot "${p.fleet?.depot}" is not a place`);
  if (!(p.fleet.seats >= 1)) fail('fleet.seats must be ≥ 1');
  for (const key of ['maxWaitMin', 'rideTimeAlpha', 'rideTimeBetaMin', 'dwellS', 'noShowAfterMin'] as const)
    if (!(typeof p.settings?.[key] === 'number' && p.settings[key] >= 0)) fail(`settings.${key} must be a number ≥ 0`);
  if (!Array.isArray(p.components) || p.components.length === 0) fail('no demand components');
  for (const c of p.components) {
    if (!p.flows?.[c.flow]) fail(`component "${c.name}" uses unknown flow "${c.flow}"`);
    if (!(c.share >= 0)) fail(`component "${c.name}" has a bad share`);
    if ('trains' in c && !codes.has(c.trains.station))
      fail(`component "${c.name}": unknown station ${c.trains.station}`);
    const pattern = ['peak', 'uniform', 'trains', 'hourly'].filter((k) => k in c);
    if (pattern.length !== 1) fail(`component "${c.name}" needs exactly one of peak, uniform, trains, hourly`);
  }
  const sizes = Object.keys(p.partySize ?? {}).map(Number);
  if (sizes.length === 0 || sizes.some((s) => !Number.isInteger(s) || s < 1 || s > p.fleet.seats))
    fail('partySize must list sizes between 1 and fleet.seats');
  for (const share of [p.noShowShare, p.cancelShare])
    if (!(share >= 0 && share < 1)) fail('noShowShare and cancelShare must be in [0, 1)');
  return p;
}
