import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApiApp } from '../apps/api/src/api.app';
import { api } from './support/shuttle-fixtures';
import { createTestContext, TestContext } from './support/test-context';

interface Problem {
  code: string;
  message: string;
  details?: { errors?: string[]; fields?: Array<{ field: string; rule: string; message: string }> };
}

/** A refused value is named by its field, so a page can show the message at that field. */
describe('validation refusals name their fields', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let apiUrl: string;

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    app = await createApiApp(ctx.config);
    await app.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.dispose();
  });

  it('a rider sign-up with a malformed phone names the phone, with the rule and the message', async () => {
    const r = await api<Problem>(apiUrl, 'POST', '/v1/riders/sign-up', null, {
      employerCode: 'HANBIT01',
      email: 'x@hanbit.example',
      password: 'a-long-password',
      displayName: '이하늘',
      phone: '12',
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.message).toBe('phone must be a phone number');
    expect(r.body.details?.fields).toEqual([
      { field: 'phone', rule: 'matches', message: 'phone must be a phone number' },
    ]);
  });

  it('a luggage booking names a nested field by its path, and every refused field once per rule', async () => {
    const r = await api<Problem>(apiUrl, 'POST', '/v1/luggage/quotes', null, {
      origin: 'h-grand-hyatt-incheon',
      destination: 'icn-t1',
      bags: { carry_on: 1, suitcase: 1, oversize: 0 },
      flightNumber: 'not a flight',
      flightAt: '2026-12-03T16:00:00+09:00',
    });
    expect(r.status).toBe(400);
    expect(r.body.details?.fields?.map((f) => f.field)).toEqual(['flightNumber']);
    const booking = await api<Problem>(apiUrl, 'POST', '/v1/luggage/bookings', null, {
      origin: 'h-grand-hyatt-incheon',
      destination: 'icn-t1',
      bags: { carry_on: 1, suitcase: 1, oversize: 0 },
      flightNumber: 'KE123',
      flightAt: '2026-12-03T16:00:00+09:00',
      quoteToken: 'x'.repeat(40),
      contact: { name: 'Emma Lee', phone: 'call me', email: 'emma@example.com' },
      language: 'en',
      prohibitedItemsConfirmed: true,
    });
    expect(booking.status).toBe(400);
    expect(booking.body.details?.fields).toContainEqual(
      expect.objectContaining({ field: 'contact.phone', rule: 'isPhoneNumber' }),
    );
    expect(booking.body.details?.fields?.some((f) => f.field !== 'contact.phone')).toBe(false);
  });

  it('an unknown property is named too, and nothing is written', async () => {
    const r = await api<Problem>(apiUrl, 'POST', '/v1/riders/sign-up', null, {
      employerCode: 'HANBIT01',
      email: 'y@hanbit.example',
      password: 'a-long-password',
      displayName: '이하늘',
      role: 'admin',
    });
    expect(r.status).toBe(400);
    expect(r.body.details?.fields).toEqual([expect.objectContaining({ field: 'role', rule: 'whitelistValidation' })]);
    const rows = (await app
      .get(DataSource)
      .query('SELECT id FROM users WHERE email = $1', ['y@hanbit.example'])) as unknown[];
    expect(rows).toHaveLength(0);
  });
});
