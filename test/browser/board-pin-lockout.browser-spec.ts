import { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { api } from '../support/shuttle-fixtures';
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

const dispatcher = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;

describe('board: a PIN lockout raises a live alert that the dispatcher releases from the board; the day’s figures come from the database', () => {
  let stack: WebStack;
  let browser: Browser;
  let board: Page;

  beforeAll(async () => {
    stack = await startWebStack();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('five wrong PINs: the board shows the alert live and after a reload, the release button unlocks it, and the courier hands over', async () => {
    const day = await freelugMorning(stack);
    const booking = await bookLuggage(stack, day);
    const courier = await courierOf(stack, booking.id);
    await collectBags(stack, booking.id, courier.token);

    ({ page: board } = await openPage(browser, DESKTOP));
    await board.goto(`${stack.apiUrl}/board`);
    await signInOnPage(board, dispatcher.email, dispatcher.password);
    await board.waitForSelector('[data-testid=live-state][data-state=live]');
    await board.waitForSelector(`tr[data-booking-id="${booking.id}"]`);
    expect(await board.locator('[data-alert-kind=pin_locked]').count()).toBe(0);

    const { page: phone } = await openPage(browser, PHONE, { geolocation: true });
    await phone.clock.install({ time: serverNow(stack) });
    await phone.goto(`${stack.apiUrl}/staff`);
    await signInOnPage(phone, courier.account.email, courier.account.password);
    await phone.waitForSelector('input[name=pin]');
    await phone.waitForSelector('[data-testid=live-state][data-state=live]');

    const wrong = booking.pin === '000000' ? '111111' : '000000';
    const codes: string[] = [];
    for (let n = 0; n < 5; n += 1)
      codes.push(
        (
          await api<{ code: string }>(
            stack.apiUrl,
            'POST',
            `/v1/luggage/courier/bookings/${booking.id}/deliver`,
            courier.token,
            { pin: wrong },
          )
        ).body.code,
      );
    expect(codes).toEqual(['PIN_INVALID', 'PIN_INVALID', 'PIN_INVALID', 'PIN_INVALID', 'HANDOVER_LOCKED']);

    // Live, without a reload: the alert with its release button, and the booking's badge.
    const alert = board.locator(`[data-alert-kind=pin_locked][data-booking-id="${booking.id}"]`);
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.innerText()).toContain(booking.reference);
    expect(await alert.innerText()).toContain('PIN 잠김');
    // The courier's page hears it too and says to call the dispatcher.
    await phone.waitForSelector('[role=alert]:has-text("배차 담당자")', { timeout: 15_000 });

    // After a reload the alert is still there: it comes from the database, not from the event.
    await board.reload();
    await board.waitForSelector('[data-testid=live-state][data-state=live]');
    await alert.waitFor();
    expect(await seriousA11yViolations(board)).toEqual([]);
    await screenshot(board, 'board-pin-locked-1440');

    board.once('dialog', (d) => void d.accept());
    await alert.locator('[data-testid=release-handover]').click();
    await board.waitForSelector('[data-testid=board-notice]');
    await alert.waitFor({ state: 'detached' });
    const dispatcherToken = (await signIn(stack.apiUrl, dispatcher.email, dispatcher.password)).accessToken;
    const view = await api<{ handoverLocked: boolean; pinAttempts: number }>(
      stack.apiUrl,
      'GET',
      `/v1/luggage/bookings/${booking.id}`,
      dispatcherToken,
    );
    expect(view.body).toMatchObject({ handoverLocked: false, pinAttempts: 0 });

    // The courier's page drops the lock message live, and the right PIN completes the handover.
    await phone.waitForSelector('[role=alert]:has-text("배차 담당자")', { state: 'detached', timeout: 15_000 });
    await phone.fill('input[name=pin]', booking.pin);
    await phone.click('[data-testid=main-action]');
    await phone.waitForSelector('[data-testid=handover-confirmed]', { timeout: 20_000 });
    const done = await eventually(
      async () =>
        (await api<{ status: string }>(stack.apiUrl, 'GET', `/v1/luggage/bookings/${booking.id}`, dispatcherToken)).body
          .status,
      (s) => s === 'delivered',
      'the handover after the release',
    );
    expect(done).toBe('delivered');

    // The day's figures come from the database: the handover counts at once, and still after a reload
    // (the delivered booking is no longer on the board's lists).
    await board.waitForSelector('[data-testid=fig-on-time]:has-text("1/1")', { timeout: 15_000 });
    await board.reload();
    await board.waitForSelector('[data-testid=live-state][data-state=live]');
    await board.waitForSelector(`tr[data-booking-id="${booking.id}"]`, { state: 'detached' });
    await board.waitForSelector('[data-testid=fig-on-time]:has-text("1/1")');
    await screenshot(board, 'board-day-figures-1440');
  });
});
