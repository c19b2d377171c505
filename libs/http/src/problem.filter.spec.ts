import { ArgumentsHost, BadRequestException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { conflict, DomainError, tooLarge } from '@app/domain';
import { ProblemFilter } from './problem.filter';

function run(exception: unknown) {
  const sent: { status?: number; body?: Record<string, unknown>; headers: Record<string, string> } = { headers: {} };
  const response = {
    headersSent: false,
    setHeader: (k: string, v: string) => (sent.headers[k] = v),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({
      getResponse: () => response,
      getRequest: () => ({ id: 'req-1', method: 'POST', url: '/x' }),
    }),
  } as unknown as ArgumentsHost;
  new ProblemFilter().catch(exception, host);
  return sent;
}

describe('ProblemFilter', () => {
  it('maps a domain error to its category status with its stable code', () => {
    const sent = run(conflict('VEHICLE_BUSY', 'taken', { seat: 3 }));
    expect(sent.status).toBe(409);
    expect(sent.body).toEqual({ code: 'VEHICLE_BUSY', message: 'taken', details: { seat: 3 }, requestId: 'req-1' });
  });

  it('answers a too-large domain error with 413 and its code and details', () => {
    const sent = run(tooLarge('LUGGAGE_PHOTO_TOO_LARGE', 'too large', { index: 1, maxBytes: 10 }));
    expect(sent.status).toBe(413);
    expect(sent.body).toEqual({
      code: 'LUGGAGE_PHOTO_TOO_LARGE',
      message: 'too large',
      details: { index: 1, maxBytes: 10 },
      requestId: 'req-1',
    });
  });

  it('reports validation failures as VALIDATION_FAILED with every message', () => {
    const sent = run(new BadRequestException(['email must be an email', 'property role should not exist']));
    expect(sent.status).toBe(400);
    expect(sent.body?.code).toBe('VALIDATION_FAILED');
    expect(sent.body?.details).toEqual({ errors: ['email must be an email', 'property role should not exist'] });
  });

  it('names the refused fields when the validation pipe gave them', () => {
    const fields = [
      { field: 'contact.phone', rule: 'isPhoneNumber', message: 'contact.phone must be a valid phone number' },
    ];
    const sent = run(
      new BadRequestException({ message: ['contact.phone must be a valid phone number'], details: { fields } }),
    );
    expect(sent.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'contact.phone must be a valid phone number',
      details: { fields },
    });
  });

  it('reports malformed JSON as MALFORMED_JSON', () => {
    const sent = run(new BadRequestException('Unexpected token } in JSON at position 5'));
    expect(sent.body?.code).toBe('MALFORMED_JSON');
  });

  it('turns a lost database connection into 503 with Retry-After', () => {
    const sent = run(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('5');
    expect(sent.body?.code).toBe('DATABASE_UNAVAILABLE');
  });

  it('keeps malformed values that reach Postgres a 4xx', () => {
    const error = new QueryFailedError(
      'SELECT',
      [],
      Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' }),
    );
    expect(run(error).status).toBe(422);
  });

  it('hides the internals of unexpected errors', () => {
    const sent = run(new TypeError('cannot read x of undefined'));
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({
      code: 'INTERNAL',
      message: expect.not.stringContaining('undefined'),
      requestId: 'req-1',
    });
  });

  it('keeps the code of Nest HTTP exceptions meaningful', () => {
    expect(run(new NotFoundException()).body?.code).toBe('NOT_FOUND');
    expect(run(new DomainError('RATE_LIMITED', 'y', 'rate_limited')).status).toBe(429);
  });
});
