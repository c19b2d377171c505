import { ConfigError, configToEnv, loadConfig } from './app-config';

describe('shuttle and travel-time configuration', () => {
  it('has defaults that match the Geomdan service', () => {
    const config = loadConfig({});
    expect(config.shuttle).toEqual({
      maxWaitMin: 15,
      rideTimeAlpha: 1.5,
      rideTimeBetaMin: 10,
      dwellS: 60,
      noShowAfterMin: 3,
      bookingHorizonDays: 7,
      riderDelayWeight: 1,
    });
    expect(config.travel).toEqual({ osrmUrl: null, roadFactor: 1.3, speedKmhByHour: null });
  });

  it('reads OSRM_URL and a 24-hour speed profile', () => {
    const hours = Array.from({ length: 24 }, (_, h) => 20 + h).join(',');
    const config = loadConfig({ OSRM_URL: 'http://osrm:5000', TRAVEL_SPEED_KMH_BY_HOUR: hours });
    expect(config.travel.osrmUrl).toBe('http://osrm:5000');
    expect(config.travel.speedKmhByHour).toHaveLength(24);
    expect(config.travel.speedKmhByHour![23]).toBe(43);
  });

  it('names the variable when a profile has the wrong number of hours or OSRM_URL is not http', () => {
    expect(() => loadConfig({ TRAVEL_SPEED_KMH_BY_HOUR: '30,30' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRAVEL_SPEED_KMH_BY_HOUR: '30,30' })).toThrow(/TRAVEL_SPEED_KMH_BY_HOUR/);
    expect(() => loadConfig({ OSRM_URL: 'redis://x' })).toThrow(/OSRM_URL/);
  });

  it('hands the shuttle knobs down to child processes unchanged', () => {
    const config = loadConfig({ SHUTTLE_MAX_WAIT_MIN: '20', OSRM_URL: 'http://osrm:5000' });
    const child = loadConfig(configToEnv(config));
    expect(child.shuttle).toEqual(config.shuttle);
    expect(child.travel).toEqual(config.travel);
  });
});
