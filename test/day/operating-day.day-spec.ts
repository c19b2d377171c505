import { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { DESKTOP, launchBrowser, openPage, PHONE, screenshot, signInOnPage, startWebStack, WebStack } from '../browser/browser-support';
import { api, openShuttleAroundTheClock, ShuttleFixture } from '../support/shuttle-fixtures';
import { signIn } from '../support/stack';
import { dayProfile } from './day-profile';

/**
 * A compressed operating day on the real stack (api + dispatcher + gateway, real PostgreSQL and
 * Redis) in real Chromium, with pages kept open the whole run as people keep them: the staff
 * phones idle between actions, reload mid-journey and lose signal; the board stays open all day.
 * Every action must reach the server exactly once and the screen must agree with the database.
 *
 * Scenarios whose feature is not on this branch yet are listed in PENDING_ON_MAIN (skipped, by
 * name): the lead enables them once the branches that bring the feature are merged
 * (DAY_RUN_PENDING=1 runs them anyway).
 */
export const PENDING_ON_MAIN: readonly string[] = [];

const profile = dayProfile();
const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
const dispatcher = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;
const driver1 = DEMO_ACCOUNTS.find((a) => a.email.startsWith('driver1'))!;
const admin = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;

interface Ride {
  id: string;
  status: string;
  vehicle: { id: string; plate: string } | null;
  history?: Array<{ status: string; at: string }>;
}

/** DAY_RUN_PENDING=1 runs the pending scenarios too (to see whether a merge has made them pass). */
const runPending = process.env.DAY_RUN_PENDING === '1';
const scenario = (name: string, fn: () => Promise<void>) =>
  (PENDING_ON_MAIN.includes(name) && !runPending ? it.skip : it)(name, fn, profile.scenarioTimeoutMs);
const idle = (page: Page, ms: number) => page.waitForTimeout(ms);

describe(`an operating day (DAY_PROFILE=${profile.name})`, () => {
  let stack: WebStack;
  let fx: ShuttleFixture;
  let browser: Browser;
  let riderToken = '';
  let driverToken = '';
  let board: Page;
  let staff: { context: BrowserContext; page: Page };
  const completed: string[] = [];

  beforeAll(async () => {
    stack = await startWebStack();
    fx = await openShuttleAroundTheClock(stack.ctx);
    driverToken = (await signIn(stack.apiUrl, driver1.email, driver1.password)).accessToken;
    expect((await api(stack.apiUrl, 'POST', '/v1/driver/shifts/start', driverToken, {})).status).toBe(200);
    riderToken = (await signIn(stack.apiUrl, rider.email, rider.password)).accessToken;
    browser = await launchBrowser();
    // Pages opened at the start of the day and kept open to its end.
    ({ page: board } = await openPage(browser, DESKTOP));
    await board.goto(`${stack.apiUrl}/board`);
    await signInOnPage(board, dispatcher.email, dispatcher.password);
    await board.waitForSelector('[data-testid=live-state][data-state=live]');
    staff = await openPage(browser, PHONE, { geolocation: true });
    await staff.page.goto(`${stack.apiUrl}/staff`);
    await signInOnPage(staff.page, driver1.email, driver1.password);
    await staff.page.waitForSelector('[data-testid=no-stops], [data-testid=next-stop]');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await fx?.close();
    await stack?.close();
  });

  const bookAssigned = async (): Promise<Ride> => {
    const booked = await api<{ id: string }>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-oryu-stn'), dropoffStopId: fx.stop('gd-f-hanbit'), passengers: 1, timeMode: 'now',
    });
    expect(booked.status).toBe(202);
    await board.waitForSelector(`tr[data-ride-id="${booked.body.id}"]`, { timeout: 20_000 });
    await staff.page.waitForSelector(`[data-testid=next-stop][data-ride-id="${booked.body.id}"][data-kind=pickup]`, { timeout: 20_000 });
    return (await api<Ride>(stack.apiUrl, 'GET', `/v1/rides/${booked.body.id}`, riderToken)).body;
  };
  const ride = async (id: string) => (await api<Ride>(stack.apiUrl, 'GET', `/v1/rides/${id}`, riderToken)).body;
  const times = (r: Ride, status: string) => (r.history ?? []).filter((h) => h.status === status).length;

  scenario('a driver page that idles between actions, reloads mid-journey and loses signal sends every action exactly once', async () => {
    const { context, page } = staff;
    for (let j = 0; j < profile.journeys; j++) {
      const booked = await bookAssigned();
      expect(booked.vehicle?.plate).toBe(driver1.staff!.vehicle);
      // The phone lies on the dashboard, then the driver arrives.
      await idle(page, profile.idleMs);
      await page.click('[data-testid=main-action][data-action=arrive]');
      await page.waitForSelector('[data-testid=main-action][data-action=pickup]');
      await page.waitForSelector('[data-testid=outbox]', { state: 'detached', timeout: 20_000 });
      expect((await ride(booked.id)).status).toBe('arrived');

      // Mid-journey the page is reloaded: it comes back on the same step.
      await page.reload();
      await page.waitForSelector(`[data-testid=next-stop][data-ride-id="${booked.id}"] [data-testid=main-action][data-action=pickup]`, { timeout: 20_000 });
      await idle(page, profile.idleMs);

      // No signal at the pickup: the step is kept, then sent once the signal is back.
      await context.setOffline(true);
      await page.click('[data-testid=main-action][data-action=pickup]');
      await page.waitForSelector('[data-testid=outbox]');
      expect((await ride(booked.id)).status).toBe('arrived');
      await idle(page, Math.min(profile.idleMs, 30_000));
      await context.setOffline(false);
      await page.waitForSelector('[data-testid=outbox]', { state: 'detached', timeout: 30_000 });
      expect((await ride(booked.id)).status).toBe('on_board');

      await idle(page, profile.idleMs);
      await page.click(`[data-testid=next-stop][data-ride-id="${booked.id}"][data-kind=dropoff] [data-testid=main-action][data-action=dropoff]`);
      await page.waitForSelector('[data-testid=outbox]', { state: 'detached', timeout: 20_000 });
      await page.waitForSelector('[data-testid=no-stops]', { timeout: 20_000 });
      const done = await ride(booked.id);
      expect(done.status).toBe('completed');
      // Exactly once each, whatever the idles, the reload and the lost signal did.
      expect(['arrived', 'on_board', 'completed'].map((s) => times(done, s))).toEqual([1, 1, 1]);
      // The board, open all along, agrees.
      await board.waitForSelector(`tr[data-ride-id="${booked.id}"]`, { state: 'detached', timeout: 20_000 }).catch(() => undefined);
      completed.push(booked.id);
    }
    await screenshot(page, 'day-staff-end-390');
  });

  scenario('the board open all day shows the day\'s served figure right after a reload', async () => {
    expect(completed.length).toBeGreaterThan(0);
    await board.reload();
    await board.waitForSelector('[data-testid=live-state][data-state=live]');
    // The figures come from the database, so a reload shows the day so far, not an empty board's.
    const served = board.locator('[data-testid=fig-served] .figure-value');
    const want = String(completed.length);
    await board
      .waitForFunction((n) => document.querySelector('[data-testid=fig-served] .figure-value')?.textContent === n, want, { timeout: 20_000 })
      .catch(() => undefined); // the assertion below names what the board showed instead
    expect(await served.textContent()).toBe(want);
    await screenshot(board, 'day-board-after-reload-1440');
  });

  scenario('the board stays live all day and recovers after a reload', async () => {
    await board.reload();
    await board.waitForSelector('[data-testid=live-state][data-state=live]', { timeout: 20_000 });
    await board.waitForSelector('[data-testid=vans] tr[data-vehicle-id]');
    expect(await board.locator('[data-testid=vans] tr[data-state=on_shift]').count()).toBe(1);
  });

  scenario('a double-tapped booking books one ride', async () => {
    const { page } = await openPage(browser, PHONE);
    await page.goto(`${stack.apiUrl}/rider`);
    await signInOnPage(page, rider.email, rider.password);
    await page.waitForSelector('select[name=pickup] option[data-code="gd-oryu-stn"]', { state: 'attached' });
    await page.selectOption('select[name=pickup]', fx.stop('gd-oryu-stn'));
    await page.selectOption('select[name=dropoff]', fx.stop('gd-f-hanbit'));
    const since = new Date();
    // The first tap books; the thumb's second tap lands just after the answer, on the same form.
    const submit = page.locator('form[aria-labelledby=book-title] button[type=submit]');
    await submit.click();
    await page.waitForSelector('[data-testid=ride-card]');
    await submit.click({ timeout: 2000 }).catch(() => undefined); // a guarded form may hide or disable it
    // Give a second request every chance to land before counting.
    await idle(page, 3000);
    const rows = await fx.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM rides r JOIN users u ON u.id = r.rider_user_id WHERE u.email = $1 AND r.created_at >= $2`,
      [rider.email, since],
    );
    expect(Number(rows.rows[0].n)).toBe(1);
    expect(await page.locator('[data-testid=ride-card]').count()).toBe(1);
    await page.close();
  });

  scenario('a new courier accepts the invite link on the phone and signs in', async () => {
    const adminToken = (await signIn(stack.apiUrl, admin.email, admin.password)).accessToken;
    const areas = await api<Array<{ id: string; code: string }>>(stack.apiUrl, 'GET', '/v1/admin/areas', adminToken);
    const invited = await api<{ invite: { url: string } }>(stack.apiUrl, 'POST', '/v1/admin/staff', adminToken, {
      email: 'courier9@day.geomdan.kr', displayName: '김새봄', kind: 'courier', phone: '010-3009-3309', language: 'ko',
      areaIds: [areas.body.find((a) => a.code === 'freelug')!.id],
    });
    expect(invited.status).toBe(201);
    const { page } = await openPage(browser, PHONE);
    const answer = await page.goto(invited.body.invite.url.replace(/^https?:\/\/[^/]+/, stack.apiUrl));
    expect(answer?.status()).toBe(200);
    await page.fill('input[name=password]', 'new-courier-1234');
    await page.fill('input[name=repeat]', 'new-courier-1234');
    await page.click('form[data-testid=invite] button[type=submit]');
    await page.waitForSelector('[data-testid=invite-done]', { timeout: 20_000 });
    expect((await signIn(stack.apiUrl, 'courier9@day.geomdan.kr', 'new-courier-1234')).accessToken).toBeTruthy();
    await page.close();
  });
});
