import { DateTime } from 'luxon';
import { Browser } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { api, openShuttleAroundTheClock, ShuttleFixture } from '../support/shuttle-fixtures';
import { signIn } from '../support/stack';
import {
  DESKTOP,
  launchBrowser,
  openPage,
  PHONE,
  screenshot,
  seriousA11yViolations,
  signInOnPage,
  startWebStack,
  WebStack,
} from './browser-support';
import { bookLuggage, collectBags, courierOf, eventually, freelugMorning, serverNow } from './freelug-support';

const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
const dispatcher = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;
const driver = DEMO_ACCOUNTS.find((a) => a.email.startsWith('driver'))!;
/** Longer than the staff page's 4 s send interval: the page has flushed its empty queue at least once. */
const IDLE_MS = 6_000;

describe('staff page: an idle phone still sends the next tap, and a step shows as done only once the server confirmed it', () => {
  let stack: WebStack;
  let fx: ShuttleFixture;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startWebStack();
    fx = await openShuttleAroundTheClock(stack.ctx);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await fx?.close();
    await stack?.close();
  });

  it('a driver whose page idled taps "arrived": the server records it and only then the page says it was confirmed', async () => {
    const driverToken = (await signIn(stack.apiUrl, driver.email, driver.password)).accessToken;
    expect((await api(stack.apiUrl, 'POST', '/v1/driver/shifts/start', driverToken, {})).status).toBe(200);
    const riderToken = (await signIn(stack.apiUrl, rider.email, rider.password)).accessToken;
    const booked = await api<{ id: string }>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-oryu-stn'),
      dropoffStopId: fx.stop('gd-f-hanbit'),
      passengers: 1,
      timeMode: 'now',
    });
    expect(booked.status).toBe(202);
    const rideStatus = async () =>
      (await api<{ status: string }>(stack.apiUrl, 'GET', `/v1/rides/${booked.body.id}`, riderToken)).body.status;
    await eventually(rideStatus, (s) => s === 'assigned', 'ride assignment');

    // The Korean board names the rider, not an id.
    const { page: board } = await openPage(browser, DESKTOP);
    await board.goto(`${stack.apiUrl}/board`);
    await signInOnPage(board, dispatcher.email, dispatcher.password);
    const row = board.locator(`tr[data-ride-id="${booked.body.id}"]`);
    await row.waitFor();
    expect(await row.locator('[data-testid=ride-rider]').innerText()).toBe(rider.displayName);
    expect(await row.innerText()).not.toContain(booked.body.id.slice(0, 8));
    await board.close();

    const { page } = await openPage(browser, PHONE, { geolocation: true });
    await page.goto(`${stack.apiUrl}/staff`);
    await signInOnPage(page, driver.email, driver.password);
    await page.waitForSelector(
      `[data-testid=next-stop][data-ride-id="${booked.body.id}"] [data-testid=main-action][data-action=arrive]`,
    );
    // The phone lies on the seat for a while, online and live, with nothing to send.
    await page.waitForSelector('[data-testid=live-state][data-state=live]');
    await page.waitForTimeout(IDLE_MS);

    await page.click('[data-testid=main-action][data-action=arrive]');
    expect(await eventually(rideStatus, (s) => s === 'arrived', 'the tapped arrival on the server')).toBe('arrived');
    const confirmed = page.locator('[data-testid=confirmed]');
    await confirmed.waitFor({ timeout: 20_000 });
    expect(await confirmed.getAttribute('data-path')).toBe(`/v1/driver/rides/${booked.body.id}/arrive`);
    expect(await confirmed.innerText()).toContain('서버 확인');
    expect(await page.locator('[data-testid=outbox]').count()).toBe(0);

    // Idle again, then the next tap: sent as well.
    await page.waitForTimeout(IDLE_MS);
    await page.click('[data-testid=main-action][data-action=pickup]');
    expect(await eventually(rideStatus, (s) => s === 'on_board', 'the tapped pickup on the server')).toBe('on_board');
    await page.waitForSelector(`[data-testid=confirmed][data-path="/v1/driver/rides/${booked.body.id}/pickup"]`, {
      timeout: 20_000,
    });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'staff-confirmed-390');
  });

  it('a dispatcher books a caller by phone for tomorrow morning (Seoul time), and the list shows the caller by name', async () => {
    const { page: board } = await openPage(browser, DESKTOP);
    await board.goto(`${stack.apiUrl}/board`);
    await signInOnPage(board, dispatcher.email, dispatcher.password);
    await board.waitForSelector('[data-testid=live-state][data-state=live]');
    await board.click('[data-testid=phone-booking]');
    await board.fill('input[name=callerName]', '박순자');
    await board.fill('input[name=callerPhone]', '010-2222-3333');
    await board.selectOption('select[name=pickupStopId]', fx.stop('gd-oryu-stn'));
    await board.selectOption('select[name=dropoffStopId]', fx.stop('gd-f-hanbit'));
    await board.check('input[name=timeMode][value=depart_at]');
    await board.click('[data-testid=tomorrow]');
    await board.fill('input[name=time]', '07:30');
    expect(await seriousA11yViolations(board)).toEqual([]);
    await board.click('dialog button[type=submit]');
    const row = board.locator('tr[data-ride-id]', { hasText: '박순자' });
    await row.waitFor();
    const id = (await row.getAttribute('data-ride-id'))!;
    const dispatcherToken = (await signIn(stack.apiUrl, dispatcher.email, dispatcher.password)).accessToken;
    const ride = await api<{ requestedTime: string; timeMode: string; riderName: string }>(
      stack.apiUrl,
      'GET',
      `/v1/rides/${id}`,
      dispatcherToken,
    );
    const tomorrow = DateTime.now().setZone('Asia/Seoul').plus({ days: 1 }).toISODate();
    expect(ride.body.timeMode).toBe('depart_at');
    expect(DateTime.fromISO(ride.body.requestedTime).setZone('Asia/Seoul').toFormat("yyyy-MM-dd'T'HH:mm")).toBe(
      `${tomorrow}T07:30`,
    );
    expect(ride.body.riderName).toBe('박순자');
    expect(await row.locator('[data-testid=ride-rider]').innerText()).toBe('박순자');
    await screenshot(board, 'board-phone-booking-tomorrow-1440');
    await board.close();
  });

  it('a courier hands over without signal: the page says "not sent yet" with the count and age, and "handed over" only once the server checked the PIN', async () => {
    const day = await freelugMorning(stack);
    const booking = await bookLuggage(stack, day);
    const courier = await courierOf(stack, booking.id);
    await collectBags(stack, booking.id, courier.token);

    const { context, page } = await openPage(browser, PHONE, { geolocation: true });
    // The phone's clock agrees with the server's: steps carry the time they happened.
    await page.clock.install({ time: serverNow(stack) });
    await page.goto(`${stack.apiUrl}/staff`);
    await signInOnPage(page, courier.account.email, courier.account.password);
    await page.waitForSelector('input[name=pin]');
    await page.waitForSelector('[data-testid=live-state][data-state=live]');
    await page.waitForTimeout(IDLE_MS);

    await context.setOffline(true);
    await page.fill('input[name=pin]', booking.pin);
    await page.click('[data-testid=main-action]');
    const outbox = page.locator('[data-testid=outbox]');
    await outbox.waitFor();
    expect(await outbox.getAttribute('data-count')).toBe('1');
    await page.waitForSelector('[data-testid=task-not-sent]');
    // Not shown as done, and the PIN form is not offered twice while the handover waits.
    expect(await page.locator('[data-testid=handover-confirmed]').count()).toBe(0);
    expect(await page.locator('input[name=pin]').count()).toBe(0);
    await page.clock.fastForward('02:00');
    await page.waitForSelector('[data-testid=outbox]:has-text("2분 전")');
    await screenshot(page, 'courier-handover-not-sent-390');

    await context.setOffline(false);
    const confirmed = page.locator('[data-testid=handover-confirmed]');
    await confirmed.waitFor({ timeout: 20_000 });
    expect(await confirmed.innerText()).toContain(booking.reference);
    await page.waitForSelector('[data-testid=outbox]', { state: 'detached' });
    const dispatcherToken = (await signIn(stack.apiUrl, dispatcher.email, dispatcher.password)).accessToken;
    const view = await api<{ status: string }>(
      stack.apiUrl,
      'GET',
      `/v1/luggage/bookings/${booking.id}`,
      dispatcherToken,
    );
    expect(view.body.status).toBe('delivered');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'courier-handover-confirmed-390');
  });
});
