import serializers from 'pino-std-serializers';
import { QueryFailedError } from 'typeorm';
import { redactUrl, serializeError } from './logging';

describe('redactUrl', () => {
  it('masks tracking and invite tokens in paths', () => {
    expect(redactUrl('/v1/tracking/abcDEF123_-x/cancel')).toBe('/v1/tracking/[redacted]/cancel');
    expect(redactUrl('/v1/invites/tok123/accept')).toBe('/v1/invites/[redacted]/accept');
    // The tracking page the booking links to carries the same token.
    expect(redactUrl('/track/abcDEF123_-x')).toBe('/track/[redacted]');
  });

  it('masks credentials in query strings and keeps the rest', () => {
    expect(redactUrl('/admin/queues?token=eyJ.x.y&page=2')).toBe('/admin/queues?token=[redacted]&page=2');
    expect(redactUrl('/v1/rides?scope=past')).toBe('/v1/rides?scope=past');
  });
});

describe('serializeError', () => {
  // pino-http hands our `err` serializer what pino's standard one made of the error: a plain
  // object with every enumerable field copied (a QueryFailedError's `parameters` included).
  const asPinoHttpDoes = serializers.wrapErrorSerializer(serializeError as never) as (
    e: unknown,
  ) => Record<string, unknown>;
  const failedQuery = () =>
    new QueryFailedError(
      'INSERT INTO "users"("email", "password_hash") VALUES ($1, $2)',
      ['leak@example.com', 'scrypt$secret-hash'],
      Object.assign(new Error('null value in column "name_ko" violates not-null constraint'), {
        code: '23502',
        detail: 'Failing row contains (leak@example.com, scrypt$secret-hash).',
      }),
    );

  it('keeps the class, message, code and stack of an error as pino-http passes it on, and no query parameter or row value', () => {
    const line = asPinoHttpDoes(failedQuery());
    expect({ type: line.type, message: line.message, code: line.code, stack: typeof line.stack }).toEqual({
      type: 'QueryFailedError',
      message: 'null value in column "name_ko" violates not-null constraint',
      code: '23502',
      stack: 'string',
    });
    expect(JSON.stringify(line)).not.toMatch(/leak@example\.com|scrypt\$/);
  });

  it('does the same for an error given directly', () => {
    const line = serializeError(failedQuery());
    expect([line.type, line.code]).toEqual(['QueryFailedError', '23502']);
    expect(JSON.stringify(line)).not.toMatch(/leak@example\.com|scrypt\$/);
  });
});
