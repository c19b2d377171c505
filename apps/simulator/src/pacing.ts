import { generateDemand, DayParams, SimRequest, secondsOfDay } from '@app/simulation';

/**
 * The simulator's own clock: a simulated time of day that runs `speed` times faster than real
 * time over the parameter file's service hours, wrapping to the next simulated day at the end.
 * Only demand is paced by it; vans drive and the stack keeps its promises in real time.
 */
export class DemandClock {
  private readonly open: number;
  private readonly close: number;
  private day = 0;
  private queue: SimRequest[] = [];
  private dayStartReal = 0;
  private dayStartSim = 0;

  constructor(
    private readonly params: DayParams,
    readonly speed: number,
    /** Calls per real hour the live fleet is fed on average (the profile shapes them). */
    private readonly callsPerRealHour: number,
    private readonly seed: number,
  ) {
    this.open = secondsOfDay(params.service.start);
    this.close = secondsOfDay(params.service.end);
  }

  /** Requests per simulated day, so that the real-time rate stays `callsPerRealHour`. */
  get requestsPerDay(): number {
    return Math.max(1, Math.round((this.callsPerRealHour * (this.close - this.open)) / 3600 / this.speed));
  }

  /** Starts at `localSecondsOfDay` (clamped into service hours) at real instant `nowMs`. */
  start(nowMs: number, localSecondsOfDay: number): void {
    const t0 = localSecondsOfDay >= this.open && localSecondsOfDay < this.close ? localSecondsOfDay : this.open;
    this.newDay(nowMs, t0);
  }

  private newDay(nowMs: number, simStart: number): void {
    this.dayStartReal = nowMs;
    this.dayStartSim = simStart;
    const all = generateDemand(this.params, { seed: this.seed + this.day, requests: this.requestsPerDay });
    this.queue = all.filter((r) => r.at >= simStart).map((r) => ({ ...r, id: `d${this.day}-${r.id}` }));
    this.day++;
  }

  /** Simulated seconds of day at real instant `nowMs`. */
  simTime(nowMs: number): number {
    return this.dayStartSim + ((nowMs - this.dayStartReal) / 1000) * this.speed;
  }

  /** Real milliseconds a simulated duration takes. */
  realMs(simSeconds: number): number {
    return (simSeconds * 1000) / this.speed;
  }

  /** The calls due by real instant `nowMs` (and rolls over to a new day after closing time). */
  due(nowMs: number): SimRequest[] {
    const t = this.simTime(nowMs);
    const out: SimRequest[] = [];
    while (this.queue.length > 0 && this.queue[0].at <= t) out.push(this.queue.shift()!);
    if (t >= this.close) this.newDay(nowMs, this.open);
    return out;
  }
}
