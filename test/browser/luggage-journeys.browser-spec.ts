import { DateTime } from 'luxon';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS } from '@app/database';
import { Clock, Role, StaffKind, SystemClock } from '@app/domain';
import { api } from '../support/shuttle-fixtures';
import { signIn } from '../support/stack';
import {
  DESKTOP,
  horizontalOverflow,
  launchBrowser,
  openPage,
  PHONE,
  screenshot,
  seriousA11yViolations,
  signInOnPage,
  startWebStack,
  WebStack,
} from './browser-support';
import { freelugMorning } from './freelug-support';

const dispatcher = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;
const couriers = DEMO_ACCOUNTS.filter((a) => a.staff?.kind === StaffKind.Courier);

interface Created {
  id: string;
  reference: string;
  pin: string;
  trackingToken: string;
}

describe('Free-Lug in the browser: a traveller books and follows the delivery; the board survives a gateway restart', () => {
  let stack: WebStack;
  let browser: Browser;
  let board: Page;
  let tracking: Page;
  let day: DateTime;
  const first: { id: string; reference: string; token: string } = { id: '', reference: '', token: '' };
  /** PIN and tracking token per booking reference (shown once, at booking). */
  const secrets = new Map<string, { id: string; pin: string }>();

  const quoteBody = () => ({
    origin: 'h-grand-hyatt-incheon',
    destination: 'icn-t1',
    bags: { carry_on: 1, suitcase: 1, oversize: 0 },
    flightNumber: 'KE123',
    flightAt: day.set({ hour: 16 }).toISO()!,
  });

  /** Books through the API (the traveller's page is exercised in the first journey). */
  const book = async (): Promise<Created> => {
    const quote = await api<{ quoteToken: string }>(stack.apiUrl, 'POST', '/v1/luggage/quotes', null, quoteBody());
    expect(quote.status).toBe(200);
    const created = await api<Created>(stack.apiUrl, 'POST', '/v1/luggage/bookings', null, {
      ...quoteBody(),
      quoteToken: quote.body.quoteToken,
      contact: { name: 'Emma Lee', phone: '+82 10-1234-5678', email: 'emma@example.com' },
      language: 'en',
      prohibitedItemsConfirmed: true,
    });
    expect(created.status).toBe(201);
    return created.body;
  };

  const courierOf = async (bookingId: string): Promise<string> => {
    for (let attempt = 0; attempt < 40; attempt += 1) {
      for (const c of couriers) {
        const token = (await signIn(stack.apiUrl, c.email, c.password)).accessToken;
        const tasks = await api<Array<{ id: string }>>(stack.apiUrl, 'GET', '/v1/luggage/courier/tasks', token);
        if (tasks.body.some((x) => x.id === bookingId)) return token;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`no courier was given ${bookingId}`);
  };

  beforeAll(async () => {
    stack = await startWebStack();
    // "Now" is 08:00 on the seeded shifts' day in Seoul, whatever the real time is.
    day = await freelugMorning(stack);
    browser = await launchBrowser();
    ({ page: board } = await openPage(browser, DESKTOP));
    await board.goto(`${stack.apiUrl}/board`);
    await signInOnPage(board, dispatcher.email, dispatcher.password);
    await board.waitForSelector('[data-testid=live-state][data-state=live]');
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('a traveller gets a quote, books, and follows the delivery from the tracking link (status, map, ETA, PIN)', async () => {
    const { page } = await openPage(browser, PHONE);
    await page.goto(`${stack.apiUrl}/travel`);
    await page.waitForSelector('select[name=origin] option[value="h-grand-hyatt-incheon"]', { state: 'attached' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.selectOption('select[name=origin]', 'h-grand-hyatt-incheon');
    await page.selectOption('select[name=destination]', 'icn-t1');
    await page.fill('input[name=carry_on]', '1');
    await page.fill('input[name=suitcase]', '1');
    await page.fill('input[name=flightNumber]', 'KE123');
    await page.fill('input[name=flightAt]', day.set({ hour: 16 }).toFormat("yyyy-MM-dd'T'HH:mm"));
    await page.click('form[aria-labelledby=quote-title] button[type=submit]');
    await page.waitForSelector('[data-testid=quote]');
    await page.fill('input[name=name]', 'Emma Lee');
    await page.fill('input[name=phone]', '+82 10-1234-5678');
    await page.fill('input[name=email]', 'emma@example.com');
    await page.check('input[name=prohibited]');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'travel-quote-390');
    await page.click('[data-testid=quote] button[type=submit]');
    await page.waitForSelector('[data-testid=booked]');
    const pin = (await page.locator('[data-testid=booked-pin]').innerText()).trim();
    expect(pin).toMatch(/^\d{6}$/);
    await screenshot(page, 'travel-booked-390');

    // The tracking link needs no login: the token in it is the only credential.
    const href = (await page.locator('[data-testid=tracking-link]').getAttribute('href'))!;
    first.token = decodeURIComponent(href.replace('/track/', ''));
    await page.click('[data-testid=tracking-link]');
    tracking = page;
    await page.waitForSelector('[data-testid=tracking][data-status=assigned]', { timeout: 30_000 });
    first.reference = (await page.locator('#track-ref').innerText()).replace(/.*(FL-[A-Z0-9]+).*/s, '$1');
    expect((await page.locator('[data-testid=pin]').innerText()).trim()).toBe(pin);
    await page.waitForSelector('[data-testid=eta]');
    await page.waitForSelector('.map path.leaflet-interactive'); // origin and destination, without tiles
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'track-assigned-390');

    // The courier sets off: the page hears it live.
    const status = await api<{ id: string; status: string }>(stack.apiUrl, 'GET', `/v1/tracking/${first.token}`, null);
    expect(status.status).toBe(200);
    const rows = (await stack.apps.api
      .get(DataSource)
      .query(`SELECT id FROM luggage_bookings WHERE reference = $1`, [first.reference])) as Array<{ id: string }>;
    first.id = rows[0].id;
    secrets.set(first.reference, { id: first.id, pin });
    const courier = await courierOf(first.id);
    expect(
      (await api(stack.apiUrl, 'POST', `/v1/luggage/courier/bookings/${first.id}/en-route`, courier, {})).status,
    ).toBe(200);
    await page.waitForSelector('[data-testid=tracking][data-status=courier_en_route]');
    await screenshot(page, 'track-en-route-390');
    await page.setViewportSize(DESKTOP);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'track-en-route-1440');
    await page.setViewportSize(PHONE);
  });

  it('the board lists the delivery, live', async () => {
    await board.waitForSelector(`tr[data-booking-id="${first.id}"][data-status=courier_en_route]`);
    expect(await seriousA11yViolations(board)).toEqual([]);
    await screenshot(board, 'board-luggage-1440');
  });

  it('after the gateway restarts, the board fetches a snapshot and applies only newer events: nothing missing, nothing twice', async () => {
    const snapshotsBefore = Number(await board.locator('[data-testid=board]').getAttribute('data-snapshots'));
    let missed: Created | null = null;
    await stack.restartGateway(async () => {
      await board.waitForSelector('[data-testid=live-state][data-state=offline]');
      await screenshot(board, 'board-offline-1440');
      // Booked and planned while no socket could hear it.
      missed = await book();
      await courierOf(missed.id);
    });
    const created = missed as unknown as Created;
    secrets.set(created.reference, { id: created.id, pin: created.pin });
    await board.waitForSelector('[data-testid=live-state][data-state=live]', { timeout: 30_000 });
    await board.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=board]')?.getAttribute('data-snapshots')) > n,
      snapshotsBefore,
    );
    await board.waitForSelector(`tr[data-booking-id="${created.id}"]`);
    expect(await board.locator(`tr[data-booking-id="${created.id}"]`).count()).toBe(1);
    expect(await board.locator(`tr[data-booking-id="${first.id}"]`).count()).toBe(1);

    // Events after the reconnect still apply, once.
    const courier = await courierOf(created.id);
    expect(
      (await api(stack.apiUrl, 'POST', `/v1/luggage/courier/bookings/${created.id}/en-route`, courier, {})).status,
    ).toBe(200);
    await board.waitForSelector(`tr[data-booking-id="${created.id}"][data-status=courier_en_route]`);
    expect(await board.locator(`tr[data-booking-id="${created.id}"]`).count()).toBe(1);
    await screenshot(board, 'board-recovered-1440');

    // The traveller's page reconnected as well and still follows its booking.
    await tracking.waitForSelector('[data-testid=live-state][data-state=live]', { timeout: 30_000 });
    expect(await tracking.locator('[data-testid=tracking]').getAttribute('data-status')).toBe('courier_en_route');
  });

  it('the courier works from the staff page: set off, a photo per bag (queued without signal), in transit, hand over with the PIN', async () => {
    const courierToken = await courierOf(first.id);
    const courier =
      couriers[
        (
          await Promise.all(couriers.map(async (c) => (await signIn(stack.apiUrl, c.email, c.password)).user.id))
        ).indexOf((await api<{ id: string }>(stack.apiUrl, 'GET', '/v1/auth/me', courierToken)).body.id)
      ];
    const { context, page } = await openPage(browser, PHONE, { geolocation: true });
    // The phone's clock agrees with the server's (moved to 08:00 above): steps carry the time they happened.
    await page.clock.install({ time: (stack.apps.api.get(Clock) as SystemClock).now() });
    await page.goto(`${stack.apiUrl}/staff`);
    await signInOnPage(page, courier.email, courier.password);
    const task = page.locator('[data-testid=next-task]');
    await task.waitFor();
    const reference = (await task.locator('.eyebrow').innerText()).replace(/.*(FL-[A-Z0-9]+).*/s, '$1');
    const booking = secrets.get(reference)!;
    expect(booking).toBeDefined();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'courier-pickup-390');

    // One photo and one tag per bag (two bags).
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001' +
        '0d0a2db40000000049454e44ae426082',
      'hex',
    );
    for (const n of [0, 1]) {
      await page.fill(`input[name=tag-${n}]`, `FL-T-000${n + 1}`);
      await page.setInputFiles(`input[name=photo-${n}]`, { name: `bag-${n}.png`, mimeType: 'image/png', buffer: png });
    }
    // No signal when the pickup is pressed: it is queued with its photos and the time it happened.
    await context.setOffline(true);
    const pressedAt = await page.evaluate(() => Date.now());
    await page.click('[data-testid=main-action]');
    await page.waitForSelector('[data-testid=outbox]');
    const queued = await page.evaluate(
      () =>
        JSON.parse(localStorage.getItem('geomdan.staff.outbox') ?? '[]') as Array<{
          path: string;
          occurredAt: string;
          multipart?: { photosId: string };
        }>,
    );
    expect(queued).toHaveLength(1);
    expect(queued[0].path).toBe(`/v1/luggage/courier/bookings/${booking.id}/pickup`);
    expect(queued[0].multipart?.photosId).toBeTruthy();
    expect(Math.abs(new Date(queued[0].occurredAt).getTime() - pressedAt)).toBeLessThan(2000);
    // The signal comes back five minutes later (on the phone and on the server).
    await page.clock.fastForward('05:00');
    const serverClocks = [stack.apps.api.get(Clock) as SystemClock, stack.apps.dispatcher.get(Clock) as SystemClock];
    const flushedAt = serverClocks[0].now().getTime() + 5 * 60_000;
    for (const clock of serverClocks) clock.setNow(new Date(flushedAt));
    expect(await page.locator('[data-testid=outbox]').count()).toBe(1);
    await context.setOffline(false);
    await page.waitForSelector('[data-testid=outbox]', { state: 'detached', timeout: 20_000 });
    await page.waitForSelector(`[data-testid=next-task][data-status=picked_up]`, { timeout: 20_000 });
    const dispatcherToken = (await signIn(stack.apiUrl, dispatcher.email, dispatcher.password)).accessToken;
    const picked = await api<{
      status: string;
      custody: Array<{ type: string; at: string; details: { bags?: Array<{ tag: string; photoKey: string }> } }>;
    }>(stack.apiUrl, 'GET', `/v1/luggage/bookings/${booking.id}`, dispatcherToken);
    expect(picked.body.status).toBe('picked_up');
    const pickup = picked.body.custody.find((e) => e.type === 'picked_up')!;
    expect(pickup).toBeDefined();
    expect(pickup.details.bags?.map((b) => b.tag)).toEqual(['FL-T-0001', 'FL-T-0002']);
    expect(pickup.details.bags?.every((b) => typeof b.photoKey === 'string' && b.photoKey.length > 0)).toBe(true);
    // Recorded at the time the button was pressed, not when the queue was sent.
    expect(Math.abs(new Date(pickup.at).getTime() - pressedAt)).toBeLessThan(2000);
    expect(flushedAt - new Date(pickup.at).getTime()).toBeGreaterThan(4 * 60_000);
    // The stored photos are gone once the server answered.
    expect(
      await page.evaluate(async (id) => {
        const db = await new Promise<IDBDatabase>((res, rej) => {
          const r = indexedDB.open('geomdan.staff.photos');
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        const n = await new Promise<number>((res, rej) => {
          const r = db.transaction('photos').objectStore('photos').count(id);
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        db.close();
        return n;
      }, queued[0].multipart!.photosId),
    ).toBe(0);
    await page.click('[data-testid=main-action]');
    await page.waitForSelector('input[name=pin]');
    await page.waitForSelector('[data-testid=outbox]', { state: 'detached', timeout: 20_000 });
    await screenshot(page, 'courier-deliver-390');
    await page.fill('input[name=pin]', booking.pin);
    await page.click('[data-testid=main-action]');
    await page.waitForSelector('[data-testid=outbox]', { state: 'detached', timeout: 20_000 });
    const view = await api<{ status: string }>(
      stack.apiUrl,
      'GET',
      `/v1/luggage/bookings/${booking.id}`,
      (await signIn(stack.apiUrl, dispatcher.email, dispatcher.password)).accessToken,
    );
    expect(view.body.status).toBe('delivered');
    if (booking.id === first.id) await tracking.waitForSelector('[data-testid=tracking][data-status=delivered]');
    await board.waitForSelector(`tr[data-booking-id="${booking.id}"]`, { state: 'detached' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'courier-done-390');
  });

  it('a traveller books from home: an address, a pin tapped on the map, a quote and a booking; the board shows the address', async () => {
    const { page } = await openPage(browser, PHONE);
    await page.goto(`${stack.apiUrl}/travel`);
    await page.waitForSelector('select[name=destination] option[value="icn-t1"]', { state: 'attached' });
    await page.check('input[name=placeKind][value=home]');
    await page.waitForSelector('[data-testid=pin-map].leaflet-container');
    expect(await page.locator('select[name=origin]').count()).toBe(0);
    const address = '인천 서구 완정로 100, 101동 1203호 (공동현관 #1234)';
    await page.fill('input[name=address]', address);
    await page.selectOption('select[name=destination]', 'icn-t1');
    await page.fill('input[name=carry_on]', '0');
    await page.fill('input[name=suitcase]', '2');
    await page.fill('input[name=flightNumber]', 'OZ102');
    await page.fill('input[name=flightAt]', day.set({ hour: 17 }).toFormat("yyyy-MM-dd'T'HH:mm"));

    // No pin yet: the form says so, and asking for the price is refused with a reason.
    const pinState = page.locator('[data-testid=pin-state]');
    expect(await pinState.getAttribute('data-pinned')).toBe('false');
    let quotesAsked = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/v1/luggage/quotes')) quotesAsked += 1;
    });
    await page.click('form[aria-labelledby=quote-title] button[type=submit]');
    const refusal = page.locator('p.error[role=alert]');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/핀/);
    expect(await page.locator('[data-testid=quote]').count()).toBe(0);
    expect(quotesAsked).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'travel-home-no-pin-390');

    // A tap a little north-east of the map's centre (the first view spans Seoul and Incheon): inside the area.
    const box = (await page.locator('[data-testid=pin-map]').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.4);
    await page.waitForSelector('[data-testid=pin-state][data-pinned=true]');
    const lat = Number(await pinState.getAttribute('data-lat'));
    const lng = Number(await pinState.getAttribute('data-lng'));
    expect(lat).toBeGreaterThan(37.2);
    expect(lat).toBeLessThan(37.75);
    expect(lng).toBeGreaterThan(126.35);
    expect(lng).toBeLessThan(127.25);
    // North and east of the first view's centre (37.5, 126.8), as tapped.
    expect(lat).toBeGreaterThan(37.5);
    expect(lng).toBeGreaterThan(126.8);
    expect(await pinState.innerText()).toContain(lat.toFixed(6));
    expect(await pinState.innerText()).toContain(lng.toFixed(6));
    expect(await page.locator('[data-testid=pin-map] path').count()).toBeGreaterThan(0); // the pin, drawn without tiles
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'travel-home-pin-390');

    const sent: Array<{ path: string; body: Record<string, unknown> }> = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/v1\/luggage\/(quotes|bookings)$/.test(r.url()))
        sent.push({ path: new URL(r.url()).pathname, body: r.postDataJSON() as Record<string, unknown> });
    });
    await page.click('form[aria-labelledby=quote-title] button[type=submit]');
    await page.waitForSelector('[data-testid=quote]');
    expect(await page.locator('[data-testid=quote-route]').innerText()).toContain(address);
    await page.fill('input[name=name]', '박순자');
    await page.fill('input[name=phone]', '010-2345-6789');
    await page.fill('input[name=email]', 'soonja@example.com');
    await page.check('input[name=prohibited]');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'travel-home-quote-390');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/v1/luggage/bookings')),
      page.click('[data-testid=quote] button[type=submit]'),
    ]);
    expect(response.status()).toBe(201);
    const created = (await response.json()) as Created;
    await page.waitForSelector('[data-testid=booked]');

    // The quote and the booking carried the same address object (the API also refuses a mismatch).
    expect(sent.map((x) => x.path)).toEqual(['/v1/luggage/quotes', '/v1/luggage/bookings']);
    const expected = { text: address, lat, lng };
    for (const x of sent) {
      expect(x.body.originAddress).toEqual(expected);
      expect(x.body.origin).toBeUndefined();
      expect(x.body.destination).toBe('icn-t1');
    }

    // The dispatcher's view of the booking: from a home, at the typed address and the tapped point.
    const dispatcherToken = (await signIn(stack.apiUrl, dispatcher.email, dispatcher.password)).accessToken;
    const view = await api<{
      origin: { kind: string; address: string | null; lat: number; lng: number; name: { ko: string } };
      destination: { kind: string };
    }>(stack.apiUrl, 'GET', `/v1/luggage/bookings/${created.id}`, dispatcherToken);
    expect(view.status).toBe(200);
    expect(view.body.origin).toMatchObject({ kind: 'home', address, lat, lng });
    expect(view.body.destination.kind).toBe('airport');

    // The board names the home by its address and draws it (the catalogue does not list homes).
    const row = board.locator(`tr[data-booking-id="${created.id}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(address);
    expect(await board.locator('.map path[fill="#ff832b"]').count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(board)).toEqual([]);
    await screenshot(board, 'board-home-booking-1440');
  });
});
