export enum ServiceKind {
  Shuttle = 'shuttle',
  Luggage = 'luggage',
}

export enum PlaceKind {
  Factory = 'factory',
  ParkGate = 'park_gate',
  BusTerminus = 'bus_terminus',
  SubwayStation = 'subway_station',
  Bank = 'bank',
  Office = 'office',
  Hotel = 'hotel',
  Airport = 'airport',
  Depot = 'depot',
  Home = 'home',
}

export enum StaffKind {
  Driver = 'driver',
  Courier = 'courier',
}

export enum ShiftStatus {
  Planned = 'planned',
  Active = 'active',
  Ended = 'ended',
  Cancelled = 'cancelled',
}

export type Locale = 'ko' | 'en';

/** Names are always carried in both languages: Korean first, English always. */
export interface BilingualName {
  ko: string;
  en: string;
}

/** One weekday's opening, local time of the area ("10:00" to "17:00"). */
export interface ServiceWindow {
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; // ISO: Monday = 1
  opens: string;
  closes: string;
}
