import { Browser, Page, Request } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { api, openShuttleAroundTheClock, ShuttleFixture } from '../support/shuttle-fixtures';
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

const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
const drivers = DEMO_ACCOUNTS.filter((a) => a.email.startsWith('driver'));
const admin = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;

interface Ride {
  id: string;
  status: string;
  vehicle: { id: string; label: string; plate: string } | null;
}

/** The Idempotency-Key of every ride booking the page sent. */
function bookingKeys(page: Page, path = '/v1/rides'): string[] {
  const keys: string[] = [];
  page.on('request', (r: Request) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === path)
      keys.push(r.headers()['idempotency-key'] ?? '(none)');
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

  const currentRides = async (token: string) =>
    (await api<Ride[]>(stack.apiUrl, 'GET', '/v1/rides?scope=current', token)).body.filter(
      (r) => !['cancelled', 'completed'].includes(r.status),
    );

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

  it('an admin invites a driver and copies the link; the driver opens it, sets a password and signs in', async () => {
    const { context, page } = await openPage(browser, DESKTOP);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.apiUrl });
    await page.goto(`${stack.apiUrl}/admin`);
    await signInOnPage(page, admin.email, admin.password);
    await page.click('button[data-tab=staff]');
    await page.click('button:has-text("직원 초대")');
    const form = page.locator('form[aria-label="직원 초대"]');
    await form.locator('input[name=email]').fill('new.driver@demo.geomdan.kr');
    await form.locator('input[name=displayName]').fill('박새봄');
    await form.locator('input[name=phone]').fill('010-5555-0101');
    await form.locator('button[type=submit]').click();
    const notice = page.locator('[data-testid=account-link]');
    await notice.waitFor();
    const url = await notice.locator('input').inputValue();
    expect(url).toMatch(/\/invite\/[^/]+$/);
    await notice.locator('[data-testid=copy-link]').click();
    await notice.locator('[data-testid=copy-done]').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-invite-link-1440');

    const { page: phone } = await openPage(browser, PHONE);
    await phone.goto(url.replace(/^https?:\/\/[^/]+/, stack.apiUrl));
    await phone.waitForSelector('[data-testid=invite]:has-text("박새봄")');
    expect(await seriousA11yViolations(phone)).toEqual([]);
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    // Large type: the staff pages' size, for phones held at arm's length.
    const size = await phone.locator('input[name=password]').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(size).toBeGreaterThanOrEqual(20);
    await screenshot(phone, 'invite-390');
    // Two different entries are refused at the field, nothing is sent.
    await phone.fill('input[name=password]', 'spring-van-2026');
    await phone.fill('input[name=repeat]', 'spring-van-2025');
    await phone.click('[data-testid=invite] button[type=submit]');
    await phone.waitForSelector('[data-testid=invite] [data-field-error=repeat]');
    await phone.fill('input[name=repeat]', 'spring-van-2026');
    await phone.click('[data-testid=invite] button[type=submit]');
    await phone.waitForSelector('[data-testid=invite-done]');
    await screenshot(phone, 'invite-done-390');
    await phone.click('[data-testid=invite-done] a[href="/staff"]');
    await signInOnPage(phone, 'new.driver@demo.geomdan.kr', 'spring-van-2026');
    await phone.waitForSelector('header button:has-text("로그아웃")');
    // The link was single use.
    await phone.goto(url.replace(/^https?:\/\/[^/]+/, stack.apiUrl));
    await phone.waitForSelector('[data-testid=invite-invalid]');
    await phone.close();
    await page.close();
  });

  it('a park worker signs up on the rider page with the employer code (a wrong code and a bad phone are named at their fields), then books', async () => {
    const { page } = await openPage(browser, PHONE);
    await page.goto(`${stack.apiUrl}/rider`);
    await page.click('[data-testid=show-sign-up]');
    const form = page.locator('[data-testid=sign-up]');
    await form.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await form.locator('input[name=employerCode]').fill('NOSUCH99');
    await form.locator('input[name=displayName]').fill('이하늘');
    await form.locator('input[name=email]').fill('haneul@hanbit.example');
    await form.locator('input[name=password]').fill('hanbit-shift-7');
    await form.locator('input[name=phone]').fill('12');
    await form.locator('button[type=submit]').click();
    // Both refusals at once would need two round trips: first the malformed phone, at its field.
    await form.locator('[data-field-error=phone]').waitFor();
    expect(await form.locator('input[name=phone]').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'rider-sign-up-refused-390');
    await form.locator('input[name=phone]').fill('010-7777-1234');
    await form.locator('button[type=submit]').click();
    await form.locator('[data-field-error=employerCode]').waitFor();
    expect(await form.locator('[data-field-error=phone]').count()).toBe(0);
    // What was typed stays: only the code needs fixing.
    expect(await form.locator('input[name=email]').inputValue()).toBe('haneul@hanbit.example');
    await form.locator('input[name=employerCode]').fill('hanbit01');
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('.greeting:has-text("이하늘")');
    await page.waitForSelector('form[aria-labelledby=book-title]');
    const token = (await signIn(stack.apiUrl, 'haneul@hanbit.example', 'hanbit-shift-7')).accessToken;
    const me = await api<{ role: string; areaIds: string[] }>(stack.apiUrl, 'GET', '/v1/auth/me', token);
    expect(me.body.role).toBe('rider');
    expect(me.body.areaIds).toEqual([fx.areaId]);
    await screenshot(page, 'rider-signed-up-390');
    await page.close();
  });

  it("a rider with two active rides on two vans sees each van on its ride's map", async () => {
    const dispatcherAccount = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;
    const dispatcherToken = (await signIn(stack.apiUrl, dispatcherAccount.email, dispatcherAccount.password))
      .accessToken;
    // The first ride: the double tap's (above), or one booked here when this test runs alone. It is
    // read before the second booking, so that the two rides are never the same one.
    const earlier = await currentRides(riderToken);
    expect(earlier.length).toBeLessThanOrEqual(1);
    const firstId =
      earlier[0]?.id ??
      (
        await api<Ride>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
          pickupStopId: fx.stop('gd-oryu-stn'),
          dropoffStopId: fx.stop('gd-f-hanbit'),
          passengers: 1,
          timeMode: 'now',
        })
      ).body.id;
    const booked = await api<Ride>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-f-hanbit'),
      dropoffStopId: fx.stop('gd-oryu-stn'),
      passengers: 1,
      timeMode: 'now',
    });
    expect(booked.status).toBe(202);
    expect(booked.body.id).not.toBe(firstId);
    const waitAssigned = async (id: string): Promise<Ride> => {
      for (let n = 0; n < 80; n += 1) {
        const r = (await api<Ride>(stack.apiUrl, 'GET', `/v1/rides/${id}`, riderToken)).body;
        if (r.status === 'assigned' && r.vehicle) return r;
        await new Promise((res) => setTimeout(res, 250));
      }
      throw new Error(`ride ${id} was not assigned`);
    };
    let a = await waitAssigned(firstId);
    let b = await waitAssigned(booked.body.id);
    if (b.vehicle!.id === a.vehicle!.id) {
      const other = fx.vans.find(
        (v) => v.id !== a.vehicle!.id && drivers.slice(0, 2).some((d) => d.staff?.vehicle === v.plate),
      )!;
      const moved = await api<Ride>(stack.apiUrl, 'POST', `/v1/dispatch/rides/${b.id}/move`, dispatcherToken, {
        vehicleId: other.id,
      });
      expect(moved.status).toBe(200);
      b = await waitAssigned(b.id);
    }
    // Both read again after the move: the page must be given two rides on two vans.
    a = await waitAssigned(a.id);
    expect(b.vehicle!.id).not.toBe(a.vehicle!.id);

    const { page } = await openPage(browser, PHONE);
    await page.goto(`${stack.apiUrl}/rider`);
    await signInOnPage(page, rider.email, rider.password);
    await page.waitForSelector('[data-testid=live-state][data-state=live]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=ride-card]').length === 2);
    // The page too shows the two rides on two different vans (else one position would serve both maps).
    const shownVans = await Promise.all(
      [a, b].map((r) => page.textContent(`[data-testid=ride-card][data-ride-id="${r.id}"] [data-testid=ride-vehicle]`)),
    );
    expect(shownVans[0]).toContain(a.vehicle!.plate);
    expect(shownVans[1]).toContain(b.vehicle!.plate);
    // Each van's driver reports a position: both must be drawn, each on its own ride's map.
    for (const [ride, at] of [
      [a, { lat: 37.5969, lng: 126.6352 }],
      [b, { lat: 37.5991, lng: 126.6601 }],
    ] as const) {
      const driver = drivers.find((d) => d.staff?.vehicle === ride.vehicle!.plate)!;
      const token = (await signIn(stack.apiUrl, driver.email, driver.password)).accessToken;
      expect(
        (
          await api(stack.apiUrl, 'POST', '/v1/driver/location', token, {
            ...at,
            heading: 90,
            speed: 5,
            at: new Date().toISOString(),
          })
        ).status,
      ).toBe(204);
    }
    // Both at the same moment: one van replacing the other on the page is the defect.
    await page.waitForFunction(
      (pairs) =>
        pairs.every(([rideId, vanId]) =>
          document.querySelector(
            `[data-testid=ride-card][data-ride-id="${rideId}"] .map [data-map-kind=van][data-id="${vanId}"]`,
          ),
        ),
      [
        [a.id, a.vehicle!.id],
        [b.id, b.vehicle!.id],
      ],
      { timeout: 10_000 },
    );
    await screenshot(page, 'rider-two-vans-390');
    await page.close();
  });
});
