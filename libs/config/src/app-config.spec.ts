import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('works with no environment at all, on embedded defaults', () => {
    const config = loadConfig({});
    expect(config.database.embedded).toBe(true);
    expect(config.redis.embedded).toBe(true);
    expect(config.ports.api).toBe(3000);
  });

  it('names REDIS_URL when it is not a redis URL', () => {
    expect(() => loadConfig({ REDIS_URL: 'nonsense' })).toThrow(/REDIS_URL/);
  });

  it('names the port variable when a port is out of range', () => {
    const attempt = () => loadConfig({ API_PORT: '70000' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/API_PORT/);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).database.embedded).toBe(true);
  });

  it('marks given URLs as external', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://a:b@db:5432/x', REDIS_URL: 'redis://r:6379' });
    expect(config.database).toEqual({ url: 'postgres://a:b@db:5432/x', embedded: false });
    expect(config.redis.embedded).toBe(false);
  });

  it('requires a real JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });
});
