import { DateTime } from 'luxon';
import { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { DESKTOP, launchBrowser, openPage, PHONE, screenshot, signInOnPage, startWebStack, WebStack } from './browser-support';
import { bookLuggage, freelugMorning } from './freelug-support';

const dispatcher = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;

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

  beforeAll(async () => {
    stack = await startWebStack();
    // "Now" (server) is 08:00 on the seeded shifts' day in Seoul: today's same-day cutoff is ahead.
    day = await freelugMorning(stack);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
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
    const label = new Intl.DateTimeFormat('ko-KR', { month: 'short', day: 'numeric', timeZone: 'Asia/Seoul' }).format(day.plus({ days: 1 }).set({ hour: 12 }).toJSDate());
    expect(deadline).toContain(label);
    // The attention panel lists that booking: it must not also say "none".
    expect(await page.locator('section[aria-labelledby=attention-title] p[data-testid=unassigned]').count()).toBe(0);
    await screenshot(page, 'walk-board-tomorrow-1440');
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
