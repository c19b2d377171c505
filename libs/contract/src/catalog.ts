import type { BilingualName, WeeklyWindow } from './common';
import type { ServiceKindName } from './status';

/** GET /v1/areas: the public list of service areas. */
export interface ServiceArea {
  id: string;
  code: string;
  name: BilingualName;
  kind: ServiceKindName;
  timezone: string;
  serviceHours: WeeklyWindow[];
  /** GeoJSON Polygon. */
  boundary: unknown;
}

/** GET /v1/areas/:id/places: the public catalogue of an area's places. */
export interface CataloguePlace {
  id: string;
  code: string;
  areaId: string;
  name: BilingualName;
  kind: string;
  lat: number;
  lng: number;
  isStop: boolean;
}

/** GET /v1/shuttle/areas/:id/stops. */
export interface ShuttleStop {
  id: string;
  code: string;
  name: BilingualName;
  kind: string;
  lat: number;
  lng: number;
}
