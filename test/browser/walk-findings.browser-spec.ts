import { DateTime } from 'luxon';
import { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import {
  DESKTOP,
  horizontalOverflow,
  launchBrowser,
  openPage,
  PHONE,
  screenshot,
  signInOnPage,
  startWebStack,
  WebStack,
} from './browser-support';
import { bookLuggage, collectBags, courierOf, freelugMorning } from './freelug-support';
import { api, openShuttleAroundTheClock, ShuttleFixture } from '../support/shuttle-fixtures';
import { signIn } from '../support/stack';

const dispatcher = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;
const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
const admin = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;

/**
 * Every failed load the page reports: its own requests, and the browser's own ones (the page
 * icon) that only show as console errors.
 */
function failedLoads(page: Page): string[] {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') failed.push(m.text());
  });
  return failed;
}

/**
 * What the walk of 2026-12-04 (notes/walk-2026-12-04.md) found on the running stack, each as it
 * was seen: a deadline on another day shown as a bare clock time, "none" above a list that is not
 * empty, a flight number typed with a space refused, a tracking page without the pickup window,
 * and a missing icon failing on every page.
 */
describe('walk findings in the browser', () => {
  let stack: WebStack;
  let browser: Browser;
  let day: DateTime;
  let fx: ShuttleFixture;

  beforeAll(async () => {
    stack = await startWebStack();
    // "Now" (server) is 08:00 on the seeded shifts' day in Seoul: today's same-day cutoff is ahead.
    day = await freelugMorning(stack);
    fx = await openShuttleAroundTheClock(stack.ctx);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await fx?.close();
    await stack?.close();
  });

  /** The rider page on a phone whose clock is set to London time; returns the bodies of its ride bookings. */
  async function riderAbroad(): Promise<{
    page: Page;
    close: () => Promise<void>;
    bookings: Array<{ timeMode: string; at?: string }>;
  }> {
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-GB', timezoneId: 'Europe/London' });
    // The page's own language choice (it starts in Korean whatever the browser's locale).
    await context.addInitScript(() => localStorage.setItem('geomdan.locale', 'en'));
    const page = await context.newPage();
    const bookings: Array<{ timeMode: string; at?: string }> = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/v1/rides')
        bookings.push(r.postDataJSON() as { timeMode: string; at?: string });
    });
    await page.goto(`${stack.apiUrl}/rider`);
    await signInOnPage(page, rider.email, rider.password);
    await page.waitForSelector('select[name=pickup] option[data-code="gd-oryu-stn"]', { state: 'attached' });
    await page.selectOption('select[name=pickup]', fx.stop('gd-oryu-stn'));
    await page.selectOption('select[name=dropoff]', fx.stop('gd-f-hanbit'));
    return { page, close: () => context.close(), bookings };
  }

  it('a rider whose phone keeps another time zone books "later" in Seoul time, as the form says', async () => {
    const { page, close, bookings } = await riderAbroad();
    await page.check('input[name=mode] >> nth=1');
    const at = day.plus({ days: 1 }).set({ hour: 15, minute: 30 });
    await page.fill('input[name=at]', at.toFormat("yyyy-MM-dd'T'HH:mm"));
    await page.click('form[aria-labelledby=book-title] button[type=submit]');
    await page.waitForSelector('[data-testid=booking-confirmation], form[aria-labelledby=book-title] .error');
    expect(bookings).toHaveLength(1);
    // 15:30 in Seoul, not 15:30 in London (00:30 the next day in Seoul).
    expect(Date.parse(bookings[0].at!)).toBe(at.toMillis());
    await close();
  });

  it('a rider can book "arrive by" as well as "depart at"', async () => {
    const { page, close, bookings } = await riderAbroad();
    await page.check('input[name=mode] >> nth=1');
    await page.check('input[name=timeMode][value=arrive_by]');
    const at = day.plus({ days: 1 }).set({ hour: 9, minute: 0 });
    await page.fill('input[name=at]', at.toFormat("yyyy-MM-dd'T'HH:mm"));
    await page.click('form[aria-labelledby=book-title] button[type=submit]');
    await page.waitForSelector('[data-testid=booking-confirmation]');
    expect(bookings.map((b) => b.timeMode)).toEqual(['arrive_by']);
    expect(Date.parse(bookings[0].at!)).toBe(at.toMillis());
    // The card says what was asked: arrive by that time, not leave at it.
    await page.waitForSelector('[data-testid=ride-card][data-status=scheduled]:has-text("arrive by")');
    await screenshot(page, 'walk-rider-arrive-by-390');
    await close();
  });

  it('a double tap on "cancel ride" cancels once: no second confirmation, no 409 refusal', async () => {
    const { page, close } = await riderAbroad();
    const cancels: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/v1\/rides\/[^/]+\/cancel$/.test(new URL(r.url()).pathname)) cancels.push(r.url());
    });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await page.check('input[name=mode] >> nth=1');
    await page.fill('input[name=at]', day.plus({ days: 2 }).set({ hour: 11 }).toFormat("yyyy-MM-dd'T'HH:mm"));
    await page.click('form[aria-labelledby=book-title] button[type=submit]');
    await page.waitForSelector('[data-testid=booking-confirmation]');
    const card = page.locator('[data-testid=ride-card][data-status=scheduled]', { hasText: '11:00' });
    await card.locator('button.danger').dblclick();
    await card.waitFor({ state: 'detached' });
    expect(cancels).toHaveLength(1);
    expect(dialogs).toHaveLength(1);
    await close();
  });

  it('a ride cancelled right after booking leaves no page error and no stale "ride booked" behind (its map was removed mid zoom animation)', async () => {
    const { page, close } = await riderAbroad();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => void d.accept());
    await page.check('input[name=mode] >> nth=1');
    await page.fill('input[name=at]', day.plus({ days: 2 }).set({ hour: 13 }).toFormat("yyyy-MM-dd'T'HH:mm"));
    await page.click('form[aria-labelledby=book-title] button[type=submit]');
    const card = page.locator('[data-testid=ride-card][data-status=scheduled]', { hasText: '13:00' });
    await card.locator('button.danger').click();
    await card.waitFor({ state: 'detached' });
    // "Ride booked … the card above shows your van" no longer holds.
    expect(await page.locator('[data-testid=booking-confirmation]').count()).toBe(0);
    // Leaflet's zoom animation lasts 250 ms: its end would run on the removed map.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    expect(errors).toEqual([]);
    await close();
  });

  it('a traveller may type the flight number with a space ("ke 123"), as boarding passes print it', async () => {
    const { context, page } = await openPage(browser, PHONE);
    await page.goto(`${stack.apiUrl}/travel`);
    await page.waitForSelector('select[name=origin] option[value="h-grand-hyatt-incheon"]', { state: 'attached' });
    await page.selectOption('select[name=origin]', 'h-grand-hyatt-incheon');
    await page.selectOption('select[name=destination]', 'icn-t1');
    await page.fill('input[name=flightNumber]', 'ke 123');
    await page.fill('input[name=flightAt]', day.set({ hour: 16 }).toFormat("yyyy-MM-dd'T'HH:mm"));
    await page.click('form[aria-labelledby=quote-title] button[type=submit]');
    await page.waitForSelector('[data-testid=quote], [data-field-error=flightNumber]');
    expect(await page.locator('[data-field-error=flightNumber]').count()).toBe(0);
    expect(await page.locator('[data-testid=quote]').count()).toBe(1);
    await context.close();
  });

  it('the tracking page gives the pickup window until the bags are collected', async () => {
    const booking = await bookLuggage(stack, day, 'Window Reader');
    const { context, page } = await openPage(browser, PHONE, { locale: 'en-GB' });
    await page.goto(`${stack.apiUrl}/track/${booking.trackingToken}`);
    const window = page.locator('[data-testid=track-window]');
    await window.waitFor();
    // 24-hour Seoul clock times of the booked window, e.g. "10:00–12:00".
    expect(await window.innerText()).toMatch(/\d{2}:\d{2}–\d{2}:\d{2}/);
    await screenshot(page, 'walk-track-window-390');
    await context.close();
  });

  it('the board names the day of a deadline that is not today, and says "none" only of an empty list', async () => {
    // Tomorrow has no courier shift in the demo roster: the booking is at risk and listed for attention.
    const tomorrow = await bookLuggage(stack, day.plus({ days: 1 }), 'Next Day');
    const { context, page } = await openPage(browser, DESKTOP);
    await page.goto(`${stack.apiUrl}/board`);
    await signInOnPage(page, dispatcher.email, dispatcher.password);
    const row = page.locator(`[data-testid=risky-bookings] tr[data-reference="${tomorrow.reference}"]`);
    await row.waitFor();
    const deadline = await row.locator('td').nth(3).innerText();
    // The board's Korean day name for tomorrow, e.g. "12월 5일 21:00", not a bare "21:00".
    const label = new Intl.DateTimeFormat('ko-KR', { month: 'short', day: 'numeric', timeZone: 'Asia/Seoul' }).format(
      day.plus({ days: 1 }).set({ hour: 12 }).toJSDate(),
    );
    expect(deadline).toContain(label);
    // The attention panel lists that booking: it must not also say "none".
    expect(await page.locator('section[aria-labelledby=attention-title] p[data-testid=unassigned]').count()).toBe(0);
    await screenshot(page, 'walk-board-tomorrow-1440');
    await context.close();
  });

  it('a phone booking on the board is confirmed in words: the dialog closing alone looked like nothing happened', async () => {
    const { context, page } = await openPage(browser, DESKTOP);
    await page.goto(`${stack.apiUrl}/board`);
    await signInOnPage(page, dispatcher.email, dispatcher.password);
    await page.waitForSelector('[data-testid=live-state][data-state=live]');
    await page.click('[data-testid=phone-booking]');
    await page.fill('input[name=callerName]', '최전화');
    await page.fill('input[name=callerPhone]', '010-7777-1111');
    await page.selectOption('select[name=pickupStopId]', fx.stop('gd-oryu-stn'));
    await page.selectOption('select[name=dropoffStopId]', fx.stop('gd-f-hanbit'));
    await page.check('input[name=timeMode][value=arrive_by]');
    await page.click('[data-testid=tomorrow]');
    await page.fill('input[name=time]', '16:30');
    await page.dblclick('dialog button[type=submit]');
    const notice = page.locator('[data-testid=board-notice]');
    await notice.waitFor({ timeout: 5_000 });
    expect(await notice.innerText()).toContain('최전화');
    expect(await notice.innerText()).toContain('16:30');
    expect(await page.locator('tr[data-ride-id]', { hasText: '최전화' }).count()).toBe(1);
    await screenshot(page, 'walk-board-phone-booked-1440');
    await context.close();
  });

  it('the invite page of a long e-mail address stays inside a phone screen (it scrolled sideways by 42 px)', async () => {
    const token = (await signIn(stack.apiUrl, admin.email, admin.password)).accessToken;
    const email = 'walk.courier.with.a.long.name@demo.geomdan.kr';
    const invited = await api<{ invite: { token: string } }>(stack.apiUrl, 'POST', '/v1/admin/staff', token, {
      email,
      displayName: '정다운',
      kind: 'courier',
      phone: '010-5555-0202',
      language: 'ko',
      areaIds: [],
    });
    expect(invited.status).toBe(201);
    const { context, page } = await openPage(browser, PHONE);
    await page.goto(`${stack.apiUrl}/invite/${invited.body.invite.token}`);
    await page.waitForSelector(`[data-testid=invite]:has-text("${email}")`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.fill('input[name=password]', 'walk-courier-2026');
    await page.fill('input[name=repeat]', 'walk-courier-2026');
    await page.click('[data-testid=invite] button[type=submit]');
    await page.waitForSelector('[data-testid=invite-done]');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'walk-invite-long-email-390');
    await context.close();
  });

  it('a browser set to English opens the pages in English until the person picks a language', async () => {
    const { context, page } = await openPage(browser, PHONE, { locale: 'en-GB' });
    await page.goto(`${stack.apiUrl}/travel`);
    await page.waitForSelector('select[name=origin] option[value="h-grand-hyatt-incheon"]', { state: 'attached' });
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').innerText()).toBe('Free-Lug luggage delivery');
    // The choice made on the page wins over the browser's language, also after a reload.
    await page.click('[data-testid=lang-switch]');
    await page.reload();
    await page.waitForSelector('html[lang=ko]');
    await context.close();
  });

  it('a refusal on the staff page follows a language switch (it stayed in Korean on the English screen)', async () => {
    const booking = await bookLuggage(stack, day, 'Refusal Reader');
    const { account, token } = await courierOf(stack, booking.id);
    await collectBags(stack, booking.id, token);
    // Earlier tests' bookings may sit before it on this courier's list: cancel them, so that the
    // screen shows this handover (and its PIN field) first.
    const dispatcherToken = (await signIn(stack.apiUrl, dispatcher.email, dispatcher.password)).accessToken;
    const tasks = await api<Array<{ id: string }>>(stack.apiUrl, 'GET', '/v1/luggage/courier/tasks', token);
    for (const other of tasks.body.filter((x) => x.id !== booking.id)) {
      expect(
        (await api(stack.apiUrl, 'POST', `/v1/luggage/bookings/${other.id}/cancel`, dispatcherToken, {})).status,
      ).toBe(200);
    }
    const { context, page } = await openPage(browser, PHONE, { geolocation: true });
    await page.goto(`${stack.apiUrl}/staff`);
    await signInOnPage(page, account.email, account.password);
    await page.waitForSelector('input[name=pin]');
    const wrong = booking.pin === '000000' ? '111111' : '000000';
    await page.fill('input[name=pin]', wrong);
    await page.click('[data-testid=main-action]');
    // Refused either way: wrong PIN, or (the server's clock is moved to 08:00, the phone's is not)
    // a step time "in the future". Which one does not matter here; its language does.
    const refusal = page.locator('p.error[role=alert]', { hasText: /\(오류 코드 [A-Z_]+\)/ });
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/[가-힣]/);
    await page.click('[data-testid=lang-switch]');
    await page.waitForSelector('html[lang=en]');
    const english = await page.locator('p.error[role=alert]', { hasText: /\(error code [A-Z_]+\)/ }).innerText();
    expect(english).not.toMatch(/[가-힣]/);
    await screenshot(page, 'walk-staff-refusal-en-390');
    await context.close();
  });

  it('a staff page whose actions cannot reach the server does not say "Live" beside "not sent yet"', async () => {
    const booking = await bookLuggage(stack, day, 'Weak Signal');
    const { account } = await courierOf(stack, booking.id);
    const { context, page } = await openPage(browser, PHONE, { geolocation: true });
    await page.goto(`${stack.apiUrl}/staff`);
    await signInOnPage(page, account.email, account.password);
    await page.waitForSelector('[data-testid=live-state][data-state=live]');
    await page.waitForSelector('[data-testid=next-task] [data-testid=main-action]');
    // The api stops answering while the gateway's socket stays up: what a weak signal looks like
    // for the seconds (up to 45) before the socket's ping notices.
    await page.route('**/v1/luggage/courier/bookings/**', (route) => route.abort('internetdisconnected'));
    if (await page.locator('[data-testid=next-task] input[name=pin]').count())
      await page.fill('input[name=pin]', '000000');
    await page.click('[data-testid=next-task] [data-testid=main-action]');
    await page.waitForSelector('[data-testid=outbox], [data-testid=task-not-sent]');
    await page.waitForSelector('[data-testid=live-state][data-state=offline]', { timeout: 5_000 });
    await screenshot(page, 'walk-staff-not-sent-390');
    // Answering again: the action gets its answer, and the badge says live again.
    await page.unroute('**/v1/luggage/courier/bookings/**');
    await page.waitForSelector('[data-testid=live-state][data-state=live]', { timeout: 15_000 });
    await context.close();
  });

  it('every page names an icon that loads (the browser asked for /favicon.ico and logged a 404 on every page)', async () => {
    const { context, page } = await openPage(browser, PHONE);
    const failed = failedLoads(page);
    await page.goto(`${stack.apiUrl}/travel`);
    await page.waitForSelector('select[name=origin] option[value="h-grand-hyatt-incheon"]', { state: 'attached' });
    const href = await page.locator('link[rel~=icon]').getAttribute('href', { timeout: 1_000 });
    const icon = await page.request.get(new URL(href ?? '/favicon.ico', stack.apiUrl).toString());
    expect(icon.status()).toBe(200);
    expect(failed).toEqual([]);
    await context.close();
  });
});
