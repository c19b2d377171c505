import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
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
const dispatcher = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;
const admin = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;
const drivers = DEMO_ACCOUNTS.filter((a) => a.email.startsWith('driver'));

/** Whether the API offers moving a ride between vans (the board's move dialog calls it). */
const moveEndpointExists = /['"]:id\/move['"]/.test(
  readFileSync(join(__dirname, '../../apps/api/src/shuttle/rides.controller.ts'), 'utf8'),
);

interface Ride {
  id: string;
  status: string;
  vehicle: { id: string; label: string; plate: string } | null;
  history?: Array<{ status: string; at: string }>;
}

describe('shuttle in the browser: a rider books, the dispatcher watches and moves, the driver completes', () => {
  let stack: WebStack;
  let fx: ShuttleFixture;
  let browser: Browser;
  let board: Page;
  let riderPage: Page;
  let rideId = '';
  let riderToken = '';

  beforeAll(async () => {
    stack = await startWebStack();
    fx = await openShuttleAroundTheClock(stack.ctx);
    // Two vans on shift, so a ride can move from one to the other.
    for (const d of drivers.slice(0, 2)) {
      const token = (await signIn(stack.apiUrl, d.email, d.password)).accessToken;
      const started = await api(stack.apiUrl, 'POST', '/v1/driver/shifts/start', token, {});
      expect(started.status).toBe(200);
    }
    riderToken = (await signIn(stack.apiUrl, rider.email, rider.password)).accessToken;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await fx?.close();
    await stack?.close();
  });

  it('the api serves the pages and tells them where the gateway and the tiles are (documented in OpenAPI)', async () => {
    const config = await api<{ gatewayUrl: string; tileUrl: string; defaultLocale: string }>(
      stack.apiUrl,
      'GET',
      '/v1/web-config',
      null,
    );
    expect(config.status).toBe(200);
    expect(config.body).toMatchObject({ gatewayUrl: stack.gatewayUrl, defaultLocale: 'ko' });
    expect(config.body.tileUrl).toContain('{z}');
    const docs = await api<{ paths: Record<string, unknown> }>(stack.apiUrl, 'GET', '/docs-json', null);
    expect(Object.keys(docs.body.paths)).toContain('/v1/web-config');
    const page = await fetch(`${stack.apiUrl}/track/some-token`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    // Unknown API paths keep the API's problem answer, never a page.
    expect((await api<{ code: string }>(stack.apiUrl, 'GET', '/v1/nothing-here', null)).status).toBe(404);
  });

  it('the dispatcher signs in to the board, which goes live with vans and stops on the map (no tiles needed)', async () => {
    ({ page: board } = await openPage(browser, DESKTOP));
    await board.goto(`${stack.apiUrl}/board`);
    await signInOnPage(board, dispatcher.email, dispatcher.password);
    await board.waitForSelector('[data-testid=live-state][data-state=live]');
    await board.waitForSelector('[data-testid=vans] tr[data-vehicle-id]');
    // Vector layers: stops (circle markers) and vans draw although the tile server is unreachable.
    await board.waitForSelector('.map path.leaflet-interactive');
    await board.waitForSelector('.map [data-map-kind=van]');
    expect(await board.locator('[data-testid=vans] tr[data-state=on_shift]').count()).toBe(2);
  });

  it('a rider signs in on the phone, books a ride now and sees the van assigned', async () => {
    ({ page: riderPage } = await openPage(browser, PHONE));
    await riderPage.goto(`${stack.apiUrl}/rider`);
    expect(await seriousA11yViolations(riderPage)).toEqual([]);
    await screenshot(riderPage, 'rider-sign-in-390');
    await signInOnPage(riderPage, rider.email, rider.password);
    await riderPage.waitForSelector('select[name=pickup] option[data-code="gd-oryu-stn"]', { state: 'attached' });
    await riderPage.selectOption('select[name=pickup]', fx.stop('gd-oryu-stn'));
    await riderPage.selectOption('select[name=dropoff]', fx.stop('gd-f-hanbit'));
    await riderPage.click('form[aria-labelledby=book-title] button[type=submit]');
    const card = riderPage.locator('[data-testid=ride-card]');
    await card.waitFor();
    rideId = (await card.getAttribute('data-ride-id'))!;
    await riderPage.waitForSelector(`[data-testid=ride-card][data-ride-id="${rideId}"][data-status=assigned]`);
    const ride = (await api<Ride>(stack.apiUrl, 'GET', `/v1/rides/${rideId}`, riderToken)).body;
    const vehicleLine = riderPage.locator(
      `[data-testid=ride-card][data-ride-id="${rideId}"] [data-testid=ride-vehicle]`,
    );
    // On failure, say what the card showed against what the API holds.
    await vehicleLine.waitFor({ timeout: 10_000 }).catch(async (e: Error) => {
      throw new Error(`${e.message}\ncard: ${await card.innerHTML()}\napi: ${JSON.stringify(ride)}`);
    });
    const vehicleText = await vehicleLine.innerText();
    expect(ride.status).toBe('assigned');
    expect(vehicleText).toContain(ride.vehicle!.plate);
    await riderPage.waitForSelector('[data-testid=eta]');
    expect(await seriousA11yViolations(riderPage)).toEqual([]);
    expect(await horizontalOverflow(riderPage)).toBeLessThanOrEqual(0);
    await screenshot(riderPage, 'rider-assigned-390');
    await riderPage.setViewportSize(DESKTOP);
    expect(await horizontalOverflow(riderPage)).toBeLessThanOrEqual(0);
    await screenshot(riderPage, 'rider-assigned-1440');
    await riderPage.setViewportSize(PHONE);
  });

  it('the dispatcher sees the request on the board, live, with its van', async () => {
    const row = board.locator(`tr[data-ride-id="${rideId}"]`);
    await row.waitFor();
    const ride = (await api<Ride>(stack.apiUrl, 'GET', `/v1/rides/${rideId}`, riderToken)).body;
    await board.waitForSelector(
      `tr[data-ride-id="${rideId}"] [data-testid=ride-van]:has-text("${ride.vehicle!.label}")`,
    );
    expect(await board.locator(`tr[data-ride-id="${rideId}"]`).count()).toBe(1);
    expect(await seriousA11yViolations(board)).toEqual([]);
    expect(await horizontalOverflow(board)).toBeLessThanOrEqual(0);
    await screenshot(board, 'board-request-1440');
  });

  (moveEndpointExists ? it : it.skip)(
    'the dispatcher moves it to another van after seeing what it costs the others',
    async () => {
      const before = (await api<Ride>(stack.apiUrl, 'GET', `/v1/rides/${rideId}`, riderToken)).body;
      await board.click(`tr[data-ride-id="${rideId}"] [data-testid=move]`);
      const dialog = board.locator('[data-testid=move-dialog]');
      await dialog.waitFor();
      const target = fx.vans.find((v) => v.id !== before.vehicle!.id && v.plate !== before.vehicle!.plate)!;
      await dialog.locator('select[name=vehicle]').selectOption(target.id);
      await board.waitForSelector('[data-testid=move-preview]');
      expect(await seriousA11yViolations(board)).toEqual([]);
      await screenshot(board, 'board-move-preview-1440');
      await board.click('[data-testid=move-confirm]');
      await board.waitForFunction(
        (id) =>
          !document.querySelector('[data-testid=move-dialog]') && !!document.querySelector(`tr[data-ride-id="${id}"]`),
        rideId,
      );
      const after = (await api<Ride>(stack.apiUrl, 'GET', `/v1/rides/${rideId}`, riderToken)).body;
      expect(after.vehicle!.id).toBe(target.id);
      await board.waitForSelector(
        `tr[data-ride-id="${rideId}"] [data-testid=ride-van]:has-text("${after.vehicle!.label}")`,
      );
      await screenshot(board, 'board-moved-1440');
    },
  );

  it('the driver completes the ride from the staff page; an action pressed without signal is queued and sent later', async () => {
    const ride = (await api<Ride>(stack.apiUrl, 'GET', `/v1/rides/${rideId}`, riderToken)).body;
    const driver = drivers.find((d) => d.staff?.vehicle === ride.vehicle!.plate)!;
    const { context, page } = await openPage(browser, PHONE, { geolocation: true });
    await page.goto(`${stack.apiUrl}/staff`);
    await signInOnPage(page, driver.email, driver.password);
    await page.waitForSelector(`[data-testid=next-stop][data-ride-id="${rideId}"][data-kind=pickup]`);
    await page.waitForSelector('[data-testid=main-action][data-action=arrive]');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'staff-next-stop-390');

    // Signal lost: "arrived" is kept on the phone with the time it was pressed.
    await context.setOffline(true);
    const pressedAt = Date.now();
    await page.click('[data-testid=main-action][data-action=arrive]');
    await page.waitForSelector('[data-testid=outbox]');
    await page.waitForSelector('[data-testid=main-action][data-action=pickup]');
    await screenshot(page, 'staff-offline-queued-390');
    expect((await api<Ride>(stack.apiUrl, 'GET', `/v1/rides/${rideId}`, riderToken)).body.status).toBe('assigned');
    await context.setOffline(false);
    await page.waitForSelector('[data-testid=outbox]', { state: 'detached', timeout: 20_000 });
    const arrived = (await api<Ride>(stack.apiUrl, 'GET', `/v1/rides/${rideId}`, riderToken)).body;
    expect(arrived.status).toBe('arrived');
    expect(new Date(arrived.history!.find((h) => h.status === 'arrived')!.at).getTime()).toBeGreaterThanOrEqual(
      pressedAt - 1000,
    );

    await page.click('[data-testid=main-action][data-action=pickup]');
    await page.waitForSelector(
      `[data-testid=next-stop][data-ride-id="${rideId}"][data-kind=dropoff] [data-testid=main-action][data-action=dropoff]`,
      { timeout: 20_000 },
    );
    await page.click('[data-testid=main-action][data-action=dropoff]');
    await page.waitForSelector('[data-testid=no-stops]', { timeout: 20_000 });
    await page.waitForSelector('[data-testid=outbox]', { state: 'detached', timeout: 20_000 });
    const done = (await api<Ride>(stack.apiUrl, 'GET', `/v1/rides/${rideId}`, riderToken)).body;
    expect(done.status).toBe('completed');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'staff-done-390');
    await page.setViewportSize(DESKTOP);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'staff-done-1440');
    // The rider's phone hears it too: the ride leaves the list of current rides.
    await riderPage.waitForSelector(`[data-testid=ride-card][data-ride-id="${rideId}"]`, {
      state: 'detached',
      timeout: 20_000,
    });
  });

  it('the dispatcher books for a caller on the phone and cancels it; an admin takes an idle van off service', async () => {
    board.on('dialog', (d) => void d.accept(d.type() === 'prompt' ? 'caller changed plans' : undefined));
    await board.click('[data-testid=phone-booking]');
    await board.fill('input[name=callerName]', '김민지');
    await board.fill('input[name=callerPhone]', '010-1234-5678');
    await board.selectOption('select[name=pickupStopId]', fx.stop('gd-oryu-stn'));
    await board.selectOption('select[name=dropoffStopId]', fx.stop('gd-f-hanbit'));
    expect(await seriousA11yViolations(board)).toEqual([]);
    await screenshot(board, 'board-phone-booking-1440');
    await board.click('dialog button[type=submit]');
    const phoneRow = board.locator('tr[data-ride-id]', { hasText: '전화' });
    await phoneRow.waitFor();
    const phoneRideId = (await phoneRow.getAttribute('data-ride-id'))!;
    await board.click(`tr[data-ride-id="${phoneRideId}"] button.danger`);
    await board.waitForSelector(`tr[data-ride-id="${phoneRideId}"]`, { state: 'detached' });
    const dispatcherToken = (await signIn(stack.apiUrl, dispatcher.email, dispatcher.password)).accessToken;
    expect((await api<Ride>(stack.apiUrl, 'GET', `/v1/rides/${phoneRideId}`, dispatcherToken)).body.status).toBe(
      'cancelled',
    );

    await screenshot(board, 'board-after-actions-1440');

    // Taking a van off service is an admin action in the API: the admin's board offers it.
    const { page: adminBoard } = await openPage(browser, DESKTOP);
    adminBoard.on('dialog', (d) => void d.accept());
    await adminBoard.goto(`${stack.apiUrl}/board`);
    await signInOnPage(adminBoard, admin.email, admin.password);
    await adminBoard.waitForSelector('[data-testid=live-state][data-state=live]');
    const idle = adminBoard.locator('[data-testid=vans] tr[data-state=idle]').last();
    await idle.waitFor();
    const vanId = (await idle.getAttribute('data-vehicle-id'))!;
    await idle.locator('button').click();
    await adminBoard.waitForSelector(`[data-testid=vans] tr[data-vehicle-id="${vanId}"][data-state=off_service]`);
    expect(await seriousA11yViolations(adminBoard)).toEqual([]);
    await screenshot(adminBoard, 'board-admin-off-service-1440');
  });

  it('a driver starts the shift from the staff page (one big button) and the board sees the van on shift', async () => {
    const driver3 = drivers[2];
    const { page } = await openPage(browser, PHONE, { geolocation: true });
    await page.goto(`${stack.apiUrl}/staff`);
    await signInOnPage(page, driver3.email, driver3.password);
    await page.waitForSelector('[data-testid=start-shift]');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const height = await page.locator('[data-testid=start-shift]').evaluate((b) => b.getBoundingClientRect().height);
    expect(height).toBeGreaterThanOrEqual(56);
    await screenshot(page, 'staff-start-shift-390');
    await page.click('[data-testid=start-shift]');
    await page.waitForSelector('[data-testid=no-stops]');
    await board.reload();
    await board.waitForSelector('[data-testid=live-state][data-state=live]');
    await board.waitForFunction(
      () => document.querySelectorAll('[data-testid=vans] tr[data-state=on_shift]').length === 3,
    );
  });

  it('the home page and the board pass axe at phone width and the board still fits', async () => {
    const { page } = await openPage(browser, PHONE);
    await page.goto(`${stack.apiUrl}/`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'home-390');
    await board.setViewportSize(PHONE);
    expect(await seriousA11yViolations(board)).toEqual([]);
    await screenshot(board, 'board-390');
    // English by the switch, every text translated.
    await board.click('[data-testid=lang-switch]');
    await board.waitForSelector('h1:has-text("Dispatch board")');
    await board.setViewportSize(DESKTOP);
    await screenshot(board, 'board-english-1440');
  });
});
