/** What the simulated people share: riders' intentions (a driver only learns them at the stop) and the tally. */
export type RideIntent = 'ride' | 'absent';

export class World {
  readonly intents = new Map<string, RideIntent>();
  /** Rides that reached an end (completed, no-show, cancelled, rejected): their riders are free again. */
  readonly finished = new Set<string>();
  readonly tally = {
    booked: 0,
    bookFailed: 0,
    assigned: 0,
    rejected: 0,
    cancelled: 0,
    arrived: 0,
    pickedUp: 0,
    completed: 0,
    noShows: 0,
    luggageBooked: 0,
    luggageDelivered: 0,
    positions: 0,
  };

  finish(rideId: string): void {
    this.finished.add(rideId);
  }

  summary(): string {
    const t = this.tally;
    return `booked ${t.booked} (failed ${t.bookFailed}), assigned ${t.assigned}, rejected ${t.rejected}, cancelled ${t.cancelled}, picked up ${t.pickedUp}, completed ${t.completed}, no-shows ${t.noShows}; luggage booked ${t.luggageBooked}, delivered ${t.luggageDelivered}; positions sent ${t.positions}`;
  }
}
