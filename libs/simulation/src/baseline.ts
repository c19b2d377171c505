import { abandonLeg, PolicyOutcome, RequestRecord, SimDay, newRecords, newVans, travelMeters, travelTime } from './day';

interface Van {
  loc: number;
  /** When the van is free at `loc`. */
  freeAt: number;
}

/**
 * Today's practice: the call manager sends the nearest idle van (by drive time) to one party at
 * a time; it drives to the pickup, then straight to the drop-off, then waits there for the next
 * call. When no van is idle, calls wait in a FIFO queue and are given up (`dropped`) once they
 * have waited the max wait without a van. A cancellation while the van is on its way releases
 * it at the nearer end of the leg (back, or on to the pickup); at a no-show the van waits the dwell time and leaves.
 */
export function simulateBaseline(day: SimDay): PolicyOutcome {
  const records = newRecords(day);
  const vanRecords = newVans(day);
  const vans: Van[] = vanRecords.map(() => ({ loc: day.depot, freeAt: day.serviceStart }));
  const queue: RequestRecord[] = [];
  const t = (a: number, b: number): number => travelTime(day.travel, a, b);
  const d = (a: number, b: number): number => travelMeters(day.travel, a, b);

  const assign = (v: number, rec: RequestRecord, at: number): void => {
    const van = vans[v];
    const log = vanRecords[v];
    const r = rec.request;
    const toPickup = t(van.loc, r.from);
    const arrive = at + toPickup;
    if (r.cancelAt !== null && r.cancelAt < arrive) {
      const out = abandonLeg(van.loc, r.from, at, r.cancelAt, toPickup, d(van.loc, r.from));
      log.meters += out.meters;
      log.driveS += out.driveS;
      rec.fate = 'cancelled';
      van.loc = out.location;
      van.freeAt = out.earliest;
      return;
    }
    log.meters += d(van.loc, r.from);
    log.driveS += toPickup;
    const start = Math.max(arrive, r.at);
    log.serveS += day.dwellS;
    if (r.noShow || r.cancelAt !== null) {
      rec.fate = r.noShow ? 'no-show' : 'cancelled';
      van.loc = r.from;
      van.freeAt = start + day.dwellS;
      return;
    }
    rec.pickupAt = start;
    rec.pickupDoneAt = start + day.dwellS;
    rec.dropoffAt = rec.pickupDoneAt + rec.directS;
    log.meters += d(r.from, r.to);
    log.driveS += rec.directS;
    log.serveS += day.dwellS;
    rec.fate = 'served';
    van.loc = r.to;
    van.freeAt = rec.dropoffAt + day.dwellS;
  };

  /** Serves the queue with the vans that become free, up to time `until`. */
  const run = (until: number): void => {
    while (queue.length > 0) {
      const head = queue[0];
      const firstFree = Math.min(...vans.map((v) => v.freeAt));
      const at = Math.max(head.request.at, firstFree);
      if (at > until) return;
      if (head.request.cancelAt !== null && head.request.cancelAt <= at) {
        head.fate = 'cancelled';
        queue.shift();
        continue;
      }
      if (at > head.request.at + day.maxWaitS) {
        head.fate = 'dropped';
        queue.shift();
        continue;
      }
      let best = -1;
      for (let v = 0; v < vans.length; v++) {
        if (vans[v].freeAt > at) continue;
        if (best < 0 || t(vans[v].loc, head.request.from) < t(vans[best].loc, head.request.from)) best = v;
      }
      queue.shift();
      assign(best, head, at);
    }
  };

  for (const rec of records) {
    run(rec.request.at);
    queue.push(rec);
    run(rec.request.at);
  }
  run(Infinity);
  return { policy: 'baseline', records, vans: vanRecords, shiftS: day.serviceEnd - day.serviceStart, reasons: {} };
}
