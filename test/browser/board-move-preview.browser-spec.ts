import { Browser } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { ko } from '../../apps/web/src/messages';
import { api, openShuttleAroundTheClock, ShuttleFixture } from '../support/shuttle-fixtures';
import { signIn } from '../support/stack';
import { DESKTOP, launchBrowser, openPage, screenshot, signInOnPage, startWebStack, WebStack } from './browser-support';

const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;
const dispatcher = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;
const drivers = DEMO_ACCOUNTS.filter((a) => a.email.startsWith('driver')).slice(0, 2);

interface Ride {
  id: string;
  status: string;
  vehicle: { id: string; label: string; plate: string } | null;
}
interface MovePreview {
  feasible: boolean;
  code: string | null;
  reason: string;
}

/**
 * Issue 12, defect 10: the move preview said why a move cannot be made in the engine's English
 * (`reason`); the Korean board says it by the engine's code.
 */
describe('board in Korean: a move that cannot be made is said by its code', () => {
  let stack: WebStack;
  let fx: ShuttleFixture;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startWebStack();
    fx = await openShuttleAroundTheClock(stack.ctx);
    for (const d of drivers) {
      const token = (await signIn(stack.apiUrl, d.email, d.password)).accessToken;
      expect((await api(stack.apiUrl, 'POST', '/v1/driver/shifts/start', token, {})).status).toBe(200);
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await fx?.close();
    await stack?.close();
  });

  it('the preview of a move onto a van whose shift ends in a minute gives the Korean reason, not the engine’s sentence', async () => {
    const riderToken = (await signIn(stack.apiUrl, rider.email, rider.password)).accessToken;
    const dispatcherToken = (await signIn(stack.apiUrl, dispatcher.email, dispatcher.password)).accessToken;
    const booked = await api<Ride>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-oryu-stn'),
      dropoffStopId: fx.stop('gd-f-hanbit'),
      passengers: 1,
      timeMode: 'now',
    });
    expect(booked.status).toBe(202);
    let ride = booked.body;
    for (let n = 0; n < 80 && !(ride.status === 'assigned' && ride.vehicle); n += 1) {
      await new Promise((r) => setTimeout(r, 250));
      ride = (await api<Ride>(stack.apiUrl, 'GET', `/v1/rides/${booked.body.id}`, riderToken)).body;
    }
    expect(ride.vehicle).not.toBeNull();
    // The other van on shift: its shift ends in a minute, so the ride cannot be finished on it.
    const target = fx.vans.find((v) => v.id !== ride.vehicle!.id && drivers.some((d) => d.staff?.vehicle === v.plate))!;
    await fx.db.query(
      `UPDATE shifts SET planned_end = now() + interval '1 minute' WHERE vehicle_id = $1 AND status = 'active'`,
      [target.id],
    );
    const preview = await api<MovePreview>(
      stack.apiUrl,
      'POST',
      `/v1/dispatch/rides/${ride.id}/move-preview`,
      dispatcherToken,
      { vehicleId: target.id },
    );
    expect(preview.status).toBe(200);
    expect(preview.body.feasible).toBe(false);
    const code = preview.body.code!;
    expect(Object.keys(ko)).toContain(`reject.${code}`);
    expect(preview.body.reason).toMatch(/[a-z]{3,}/);

    const { page: board } = await openPage(browser, DESKTOP);
    await board.goto(`${stack.apiUrl}/board`);
    await signInOnPage(board, dispatcher.email, dispatcher.password);
    await board.waitForSelector('[data-testid=live-state][data-state=live]');
    await board.click(`tr[data-ride-id="${ride.id}"] [data-testid=move]`);
    const dialog = board.locator('[data-testid=move-dialog]');
    await dialog.waitFor();
    await dialog.locator('select[name=vehicle]').selectOption(target.id);
    await board.waitForSelector('[data-testid=move-preview]');
    const said = await board.locator('[data-testid=move-preview]').innerText();
    expect(said).toContain(ko[`reject.${code}` as keyof typeof ko]);
    expect(said).not.toContain(preview.body.reason);
    expect(said).not.toContain(code);
    expect(await board.locator('[data-testid=move-confirm]').isDisabled()).toBe(true);
    await screenshot(board, 'board-move-infeasible-1440');
    await board.close();
  });
});
