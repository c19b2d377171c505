import { AppConfig } from '@app/config';
import { createHaversineProvider, DEFAULT_SPEED_PROFILE, TravelTimeProvider } from '@app/dispatch';
import { OsrmTravelTimeProvider } from './osrm-travel-time.provider';

export const TRAVEL_TIME_PROVIDER = Symbol('TRAVEL_TIME_PROVIDER');

/** OSRM when OSRM_URL is set (with the estimate as fallback for gaps), else the estimate. */
export function createTravelTimeProvider(config: AppConfig): TravelTimeProvider {
  const estimate = createHaversineProvider({
    roadFactor: config.travel.roadFactor,
    speed: config.travel.speedKmhByHour
      ? { kmhByHour: config.travel.speedKmhByHour, utcOffsetHours: DEFAULT_SPEED_PROFILE.utcOffsetHours }
      : DEFAULT_SPEED_PROFILE,
  });
  return config.travel.osrmUrl ? new OsrmTravelTimeProvider(config.travel.osrmUrl, estimate) : estimate;
}
