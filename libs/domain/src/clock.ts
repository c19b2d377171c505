/**
 * The one source of "now" for rules that depend on time (service hours, horizons, no-show
 * timers). Apps provide SystemClock; tests may shift it to a fixed instant.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** For tests and simulations: make now() read `at` (time keeps flowing from there). */
  setNow(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }
}
