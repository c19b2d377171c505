import { ConfigError, configToEnv, loadConfig } from './app-config';

const solapi = {
  NOTIFY_PROVIDER: 'solapi',
  SOLAPI_API_KEY: 'NCSKEY000001',
  SOLAPI_API_SECRET: 'solapi-secret-0123456789abcdef',
  SOLAPI_SENDER: '0212345678',
};

describe('notification settings', () => {
  it('default to the development outbox for text messages and email', () => {
    expect(loadConfig({}).notify).toEqual({ solapi: null, alimTalkTemplates: {}, smtp: null });
  });

  it('read SOLAPI, AlimTalk template ids and SMTP when given', () => {
    const config = loadConfig({
      ...solapi,
      SOLAPI_KAKAO_PF_ID: 'KA01PF1',
      ALIMTALK_TEMPLATES: 'luggage_booked.ko=KA01TP1, luggage_booked.en=KA01TP2',
      SMTP_URL: 'smtp://u:p@mail.example.com:587',
    });
    expect(config.notify.solapi).toEqual({
      apiKey: 'NCSKEY000001',
      apiSecret: 'solapi-secret-0123456789abcdef',
      baseUrl: 'https://api.solapi.com',
      sender: '0212345678',
      kakaoPfId: 'KA01PF1',
    });
    expect(config.notify.alimTalkTemplates).toEqual({ 'luggage_booked.ko': 'KA01TP1', 'luggage_booked.en': 'KA01TP2' });
    expect(config.notify.smtp).toEqual({
      url: 'smtp://u:p@mail.example.com:587',
      from: 'Free-Lug <no-reply@free-lug.example>',
    });
  });

  it('refuse the SOLAPI provider without its keys, naming the variable', () => {
    expect(() => loadConfig({ NOTIFY_PROVIDER: 'solapi', SOLAPI_API_KEY: 'NCSKEY000001' })).toThrow(
      new ConfigError('SOLAPI_API_SECRET', 'is missing (required when NOTIFY_PROVIDER=solapi)'),
    );
  });

  it('never print the API secret or the SMTP password in an error', () => {
    expect(() => loadConfig({ SOLAPI_API_SECRET: 'short-secret' })).toThrow(
      /SOLAPI_API_SECRET .*\(12 characters, not shown\)/,
    );
    const error = (() => {
      try {
        loadConfig({ SMTP_URL: 'http://user:hunter2@mail.example.com' });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error?.message).toMatch(/^Invalid configuration: SMTP_URL/);
    expect(error?.message).not.toContain('hunter2');
  });

  it('refuse malformed AlimTalk template pairs', () => {
    expect(() => loadConfig({ ALIMTALK_TEMPLATES: 'luggage_booked=KA01' })).toThrow(/ALIMTALK_TEMPLATES/);
  });

  it('hand the same settings down to child processes', () => {
    const config = loadConfig({
      ...solapi,
      ALIMTALK_TEMPLATES: 'luggage_booked.ko=KA01TP1',
      SMTP_URL: 'smtps://mail.example.com',
    });
    expect(loadConfig(configToEnv(config)).notify).toEqual(config.notify);
  });
});
