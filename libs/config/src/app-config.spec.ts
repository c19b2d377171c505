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

describe('secrets in the configuration', () => {
  const production = { NODE_ENV: 'production' };

  it.each([
    ['the built-in development secret', 'geomdan-local-development-secret'],
    ['the docker-compose example', 'change-me-in-production-0123456789'],
    ['the test suites’ secret', 'test-secret-0123456789abcdef'],
  ])('refuses %s as JWT_SECRET in production, without printing it', (_, secret) => {
    const attempt = () => loadConfig({ ...production, JWT_SECRET: secret });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/JWT_SECRET .*published development secret/);
    expect(attempt).not.toThrow(secret);
  });

  it('refuses a published secret as QUOTE_SECRET in production too', () => {
    expect(() =>
      loadConfig({
        ...production,
        JWT_SECRET: 'a-real-production-secret-4f9c2e',
        QUOTE_SECRET: 'geomdan-local-development-secret',
      }),
    ).toThrow(/QUOTE_SECRET/);
  });

  it('still runs on the development secret outside production', () => {
    expect(loadConfig({ JWT_SECRET: 'geomdan-local-development-secret' }).auth.jwtSecret).toBe(
      'geomdan-local-development-secret',
    );
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-real-production-secret-4f9c2e' }).env).toBe(
      'production',
    );
  });

  it.each([
    ['JWT_SECRET', 'hunter2-short'],
    ['QUOTE_SECRET', 'hunter2-short'],
    ['METRICS_TOKEN', 'hunter2-short'],
  ])('names a too-short %s without echoing its value', (variable, value) => {
    const attempt = () => loadConfig({ [variable]: value });
    expect(attempt).toThrow(new RegExp(`${variable} must be at least 16 characters`));
    expect(attempt).not.toThrow(/hunter2/);
  });

  it('never echoes a password inside a malformed database or Redis URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://geomdan:hunter2-pass@db:5432/x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://geomdan:hunter2-pass@db:5432/x' })).not.toThrow(/hunter2/);
    expect(() => loadConfig({ REDIS_URL: 'http://:hunter2-pass@r:6379' })).not.toThrow(/hunter2/);
  });
});
