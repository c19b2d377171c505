import { DateTime } from 'luxon';
import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import {
  launchBrowser,
  openPage,
  PHONE,
  screenshot,
  seriousA11yViolations,
  startWebStack,
  WebStack,
} from './browser-support';
import { freelugMorning } from './freelug-support';

describe('traveller pages in the browser: refusals at their fields, one booking per tap, what the booked screen and the tracking link tell', () => {
  let stack: WebStack;
  let browser: Browser;
  let day: DateTime;

  beforeAll(async () => {
    stack = await startWebStack();
    // "Now" is 08:00 on the seeded shifts' day in Seoul, whatever the real time is.
    day = await freelugMorning(stack);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('a traveller fixes a flight number and a phone at their fields, double-taps "book" for one booking, sees price, window and deadline, copies the link, then follows and cancels', async () => {
    const { context, page } = await openPage(browser, PHONE);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.apiUrl });
    const keys: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/v1/luggage/bookings')
        keys.push(r.headers()['idempotency-key'] ?? '(none)');
    });
    await page.goto(`${stack.apiUrl}/travel`);
    await page.waitForSelector('select[name=origin] option[value="h-grand-hyatt-incheon"]', { state: 'attached' });
    await page.selectOption('select[name=origin]', 'h-grand-hyatt-incheon');
    await page.selectOption('select[name=destination]', 'icn-t1');
    await page.fill('input[name=flightNumber]', 'flight 12');
    await page.fill('input[name=flightAt]', day.set({ hour: 16 }).toFormat("yyyy-MM-dd'T'HH:mm"));
    await page.click('form[aria-labelledby=quote-title] button[type=submit]');
    await page.waitForSelector('[data-field-error=flightNumber]');
    expect(await page.locator('[data-field-error=flightNumber]').innerText()).toContain('KE123');
    await page.fill('input[name=flightNumber]', 'KE123');
    await page.click('form[aria-labelledby=quote-title] button[type=submit]');
    await page.waitForSelector('[data-testid=quote]');
    expect(await page.locator('[data-field-error]').count()).toBe(0);
    await page.fill('input[name=name]', 'Emma Lee');
    await page.fill('input[name=phone]', 'call me');
    await page.fill('input[name=email]', 'emma@example.com');
    await page.check('input[name=prohibited]');
    await page.click('[data-testid=quote] button[type=submit]');
    await page.waitForSelector('[data-field-error="contact.phone"]');
    expect(await page.locator('input[name=phone]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.inputValue('input[name=email]')).toBe('emma@example.com');
    await screenshot(page, 'travel-phone-refused-390');
    keys.length = 0;
    await page.fill('input[name=phone]', '+82 10-1234-5678');
    await page.dblclick('[data-testid=quote] button[type=submit]');
    await page.waitForSelector('[data-testid=booked]');
    expect(new Set(keys).size).toBe(1);
    const rows = (await stack.apps.api.get(DataSource).query(`SELECT id FROM luggage_bookings`)) as unknown[];
    expect(rows).toHaveLength(1);

    // What the traveller must know, on the booked screen.
    expect(await page.locator('[data-testid=booked-price]').innerText()).toMatch(/₩[\d,]+/);
    expect(await page.locator('[data-testid=booked-window]').innerText()).toMatch(/\d{2}:\d{2}.*\d{2}:\d{2}/);
    expect(await page.locator('[data-testid=booked-deadline]').innerText()).toMatch(/\d{2}:\d{2}/);
    const url = await page.inputValue('input[name=trackingUrl]');
    expect(url).toMatch(/\/track\/[^/]+$/);
    await page.click('[data-testid=copy-link]');
    await page.waitForSelector('[data-testid=copy-done]');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'travel-booked-details-390');

    // The tracking page, seen at 01:55 on the phone: a far pickup is a clock time with hours, not hundreds of minutes.
    const { page: track } = await openPage(browser, PHONE);
    await track.clock.install({ time: day.set({ hour: 1, minute: 55 }).toJSDate() });
    await track.goto(url.replace(/^https?:\/\/[^/]+/, stack.apiUrl));
    await track.waitForSelector('[data-testid=tracking][data-status=assigned]', { timeout: 30_000 });
    const eta = await track.locator('[data-testid=eta]').innerText();
    expect(eta).toMatch(/\d{2}:\d{2} \(\d+시간( \d+분)? 후\)/);
    expect(eta).not.toMatch(/\d{3,}분/);
    const phone = track.locator('[data-testid=courier-phone]');
    await phone.waitFor();
    expect(await phone.getAttribute('href')).toMatch(/^tel:\+?\d{9,}/);
    const cancel = track.locator('[data-testid=cancel-booking]');
    expect(await cancel.innerText()).toContain('무료');
    expect(await seriousA11yViolations(track)).toEqual([]);
    await screenshot(track, 'track-far-eta-390');
    track.on('dialog', (d) => void d.accept());
    await cancel.locator('button').click();
    await track.waitForSelector('[data-testid=tracking][data-status=cancelled]');
    expect(await track.locator('[data-testid=cancel-booking]').count()).toBe(0);
    expect(await track.locator('[data-testid=courier-phone]').count()).toBe(0);
  });
});
