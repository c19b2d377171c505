import { Browser, Page, Request } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { api, openShuttleAroundTheClock, ShuttleFixture } from '../support/shuttle-fixtures';
import { signIn } from '../support/stack';
import { launchBrowser, openPage, PHONE, screenshot, seriousA11yViolations, signInOnPage, startWebStack, WebStack } from './browser-support';

const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
const drivers = DEMO_ACCOUNTS.filter((a) => a.email.startsWith('driver'));

interface Ride {
  id: string;
  status: string;
  vehicle: { id: string; label: string; plate: string } | null;
}

/** The Idempotency-Key of every ride booking the page sent. */
function bookingKeys(page: Page, path = '/v1/rides'): string[] {
  const keys: string[] = [];
  page.on('request', (r: Request) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === path) keys.push(r.headers()['idempotency-key'] ?? '(none)');
  });
  return keys;
}

describe('rider pages in the browser: one booking per tap, every van drawn, sign-up with the employer code', () => {
  let stack: WebStack;
  let fx: ShuttleFixture;
  let browser: Browser;
  let riderToken = '';

  beforeAll(async () => {
    stack = await startWebStack();
    fx = await openShuttleAroundTheClock(stack.ctx);
    for (const d of drivers.slice(0, 2)) {
      const token = (await signIn(stack.apiUrl, d.email, d.password)).accessToken;
      expect((await api(stack.apiUrl, 'POST', '/v1/driver/shifts/start', token, {})).status).toBe(200);
    }
    riderToken = (await signIn(stack.apiUrl, rider.email, rider.password)).accessToken;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await fx?.close();
    await stack?.close();
  });

  const currentRides = async (token: string) => (await api<Ride[]>(stack.apiUrl, 'GET', '/v1/rides?scope=current', token)).body.filter((r) => !['cancelled', 'completed'].includes(r.status));

  it('a double tap on "book" books one ride, says so, and empties the form for the next booking', async () => {
    const { page } = await openPage(browser, PHONE);
    const keys = bookingKeys(page);
    await page.goto(`${stack.apiUrl}/rider`);
    await signInOnPage(page, rider.email, rider.password);
    await page.waitForSelector('select[name=pickup] option[data-code="gd-oryu-stn"]', { state: 'attached' });
    await page.selectOption('select[name=pickup]', fx.stop('gd-oryu-stn'));
    await page.selectOption('select[name=dropoff]', fx.stop('gd-f-hanbit'));
    await page.dblclick('form[aria-labelledby=book-title] button[type=submit]');
    const confirmation = page.locator('[data-testid=booking-confirmation]');
    await confirmation.waitFor();
    expect(await confirmation.getAttribute('role')).toBe('status');
    expect(await page.locator('[data-testid=ride-card]').count()).toBe(1);
    // The form is empty again: a further tap cannot repeat the booking.
    expect(await page.inputValue('select[name=pickup]')).toBe('');
    expect(await page.inputValue('select[name=dropoff]')).toBe('');
    await page.click('form[aria-labelledby=book-title] button[type=submit]');
    expect(await page.locator('select[name=pickup]:invalid').count()).toBe(1);
    // Every request the page sent was the same submission.
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).not.toBe('(none)');
    expect(await currentRides(riderToken)).toHaveLength(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'rider-booked-once-390');
    await page.close();
  });
});
