import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS, ServiceAreaEntity, ShiftEntity } from '@app/database';
import { Clock, StaffKind, SystemClock } from '@app/domain';
import { api } from '../support/shuttle-fixtures';
import { signIn } from '../support/stack';
import { WebStack } from './browser-support';

export const COURIERS = DEMO_ACCOUNTS.filter((a) => a.staff?.kind === StaffKind.Courier);
// Smallest valid image: the type is sniffed from the magic bytes.
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001' +
    '0d0a2db40000000049454e44ae426082',
  'hex',
);

export interface LuggageBooking {
  id: string;
  reference: string;
  pin: string;
  trackingToken: string;
}

/** Moves the api's and the dispatcher's clocks to 08:00 (Seoul) on the seeded Free-Lug shifts' day; returns that day. */
export async function freelugMorning(stack: WebStack): Promise<DateTime> {
  const ds = stack.apps.api.get(DataSource);
  const area = await ds.getRepository(ServiceAreaEntity).findOneByOrFail({ code: 'freelug' });
  const shift = await ds.getRepository(ShiftEntity).findOneOrFail({ where: { areaId: area.id } });
  const day = DateTime.fromJSDate(shift.plannedStart, { zone: 'Asia/Seoul' }).startOf('day');
  setServerNow(stack, day.set({ hour: 8 }).toJSDate());
  return day;
}

export function setServerNow(stack: WebStack, at: Date): void {
  (stack.apps.api.get(Clock) as SystemClock).setNow(at);
  (stack.apps.dispatcher.get(Clock) as SystemClock).setNow(at);
}

export function serverNow(stack: WebStack): Date {
  return (stack.apps.api.get(Clock) as SystemClock).now();
}

/** A traveller's booking through the API (hotel → ICN T1, two bags, a 16:00 flight). */
export async function bookLuggage(stack: WebStack, day: DateTime, name = 'Emma Lee'): Promise<LuggageBooking> {
  const quoteBody = {
    origin: 'h-grand-hyatt-incheon',
    destination: 'icn-t1',
    bags: { carry_on: 1, suitcase: 1, oversize: 0 },
    flightNumber: 'KE123',
    flightAt: day.set({ hour: 16 }).toISO()!,
  };
  const quote = await api<{ quoteToken: string }>(stack.apiUrl, 'POST', '/v1/luggage/quotes', null, quoteBody);
  if (quote.status !== 200) throw new Error(`quote: ${quote.status} ${JSON.stringify(quote.body)}`);
  const created = await api<LuggageBooking>(stack.apiUrl, 'POST', '/v1/luggage/bookings', null, {
    ...quoteBody,
    quoteToken: quote.body.quoteToken,
    contact: { name, phone: '+82 10-1234-5678', email: 'emma@example.com' },
    language: 'en',
    prohibitedItemsConfirmed: true,
  });
  if (created.status !== 201) throw new Error(`booking: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

/** The courier the planner gave the booking to, with a token (waits for the planner). */
export async function courierOf(
  stack: WebStack,
  bookingId: string,
): Promise<{ account: (typeof COURIERS)[number]; token: string }> {
  for (let attempt = 0; attempt < 60; attempt += 1) {
    for (const account of COURIERS) {
      const token = (await signIn(stack.apiUrl, account.email, account.password)).accessToken;
      const tasks = await api<Array<{ id: string }>>(stack.apiUrl, 'GET', '/v1/luggage/courier/tasks', token);
      if (tasks.body.some((x) => x.id === bookingId)) return { account, token };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no courier was given ${bookingId}`);
}

/** The courier sets off, collects both bags (photo and tag each) and drives off, all through the API. */
export async function collectBags(stack: WebStack, bookingId: string, token: string): Promise<void> {
  const base = `/v1/luggage/courier/bookings/${bookingId}`;
  const enRoute = await api(stack.apiUrl, 'POST', `${base}/en-route`, token, {});
  if (enRoute.status !== 200) throw new Error(`en-route: ${enRoute.status} ${JSON.stringify(enRoute.body)}`);
  const form = new FormData();
  form.append('bagCount', '2');
  form.append('tags', '["FL-T-0101","FL-T-0102"]');
  form.append('photos', new Blob([PNG], { type: 'image/png' }), 'a.png');
  form.append('photos', new Blob([PNG], { type: 'image/png' }), 'b.png');
  const picked = await fetch(`${stack.apiUrl}${base}/pickup`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (picked.status !== 200) throw new Error(`pickup: ${picked.status} ${await picked.text()}`);
  const transit = await api(stack.apiUrl, 'POST', `${base}/in-transit`, token, {});
  if (transit.status !== 200) throw new Error(`in-transit: ${transit.status} ${JSON.stringify(transit.body)}`);
}

export { eventually } from '../support/eventually';
