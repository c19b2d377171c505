import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS, LuggageBookingEntity, ServiceAreaEntity, ShiftEntity } from '@app/database';
import { Role, ShiftStatus } from '@app/domain';
import { ko } from '../../apps/web/src/messages';
import { DESKTOP, launchBrowser, openPage, screenshot, signInOnPage, startWebStack, WebStack } from './browser-support';
import { bookLuggage, eventually, freelugMorning } from './freelug-support';

const dispatcher = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;

/**
 * Issue 12, defect 10: the planner stores its reason as the engine's English ("NO_VEHICLE: no
 * courier van is on shift that day"); the Korean board must say it by its code, both from the
 * live event and from the booking read after a reload. The message catalogue alone is checked in
 * test/web-reason-messages.spec.ts; this checks that the board uses it.
 */
describe('board in Korean: a delivery at risk is said by its code, never in the engine’s English', () => {
  let stack: WebStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startWebStack();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('a booking no van can serve raises an alert with the Korean reason, live and after a reload', async () => {
    const day = await freelugMorning(stack);
    const ds = stack.apps.api.get(DataSource);
    const area = await ds.getRepository(ServiceAreaEntity).findOneByOrFail({ code: 'freelug' });
    // No courier works today: the planner flags every booking NO_VEHICLE.
    await ds.getRepository(ShiftEntity).update({ areaId: area.id }, { status: ShiftStatus.Cancelled });

    const { page: board } = await openPage(browser, DESKTOP);
    await board.goto(`${stack.apiUrl}/board`);
    await signInOnPage(board, dispatcher.email, dispatcher.password);
    await board.waitForSelector('[data-testid=live-state][data-state=live]');

    const booking = await bookLuggage(stack, day);
    const flagged = await eventually(
      () => ds.getRepository(LuggageBookingEntity).findOneByOrFail({ id: booking.id }),
      (b) => b.atRisk,
      'the planner flags the booking',
    );
    const [code, english] = (flagged.atRiskReason ?? '').split(/:\s*/, 2);
    expect(code).toBe('NO_VEHICLE');
    expect(english).toMatch(/[a-z]{3,}/);

    const alert = board.locator('[data-alert-kind=deadline]', { hasText: booking.reference });
    const saysItInKorean = async () => {
      await alert.waitFor({ timeout: 15_000 });
      const text = await alert.innerText();
      expect(text).toContain(ko['risk.NO_VEHICLE']);
      expect(text).not.toContain(english);
      expect(text).not.toContain(code);
    };
    // Live, from the planner's event.
    await saysItInKorean();
    await screenshot(board, 'board-risk-korean-1440');
    // After a reload, from the booking read (its atRiskCode).
    await board.reload();
    await board.waitForSelector('[data-testid=live-state][data-state=live]');
    await saysItInKorean();
    await board.close();
  });
});
