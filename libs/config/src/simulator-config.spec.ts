import { configToEnv, loadConfig } from './app-config';

describe('simulator configuration', () => {
  it('is on by default in development only', () => {
    expect(loadConfig({}).simulator).toEqual({ enabled: true, speed: 10 });
    expect(loadConfig({ NODE_ENV: 'test' }).simulator.enabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(20) }).simulator.enabled).toBe(false);
  });

  it('follows SIMULATOR and SIMULATOR_SPEED, and hands them to child processes', () => {
    expect(loadConfig({ SIMULATOR: 'off' }).simulator.enabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', SIMULATOR: 'on' }).simulator.enabled).toBe(true);
    const config = loadConfig({ SIMULATOR_SPEED: '30' });
    expect(config.simulator.speed).toBe(30);
    expect(configToEnv(config)).toMatchObject({ SIMULATOR: 'on', SIMULATOR_SPEED: '30' });
    expect(loadConfig(configToEnv(config)).simulator).toEqual(config.simulator);
  });

  it('names the variable when a value is wrong', () => {
    expect(() => loadConfig({ SIMULATOR: 'maybe' })).toThrow(/SIMULATOR/);
    expect(() => loadConfig({ SIMULATOR_SPEED: '0' })).toThrow(/SIMULATOR_SPEED/);
  });
});
