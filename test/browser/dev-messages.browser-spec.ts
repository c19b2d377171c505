import { Browser } from 'playwright-core';
import {
  horizontalOverflow,
  launchBrowser,
  openPage,
  PHONE,
  screenshot,
  startWebStack,
  WebStack,
} from './browser-support';
import { bookLuggage, freelugMorning } from './freelug-support';

/**
 * Issue 14: with no provider configured, every message goes to the development outbox and a
 * newcomer reads it on /dev/messages, on a phone as well (long tracking links widened the page
 * by 985 px on a 390 px screen).
 */
describe('the development outbox page', () => {
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

  it('shows the booking confirmation a traveller was sent, in Seoul time, inside a phone screen', async () => {
    const booking = await bookLuggage(stack, await freelugMorning(stack), 'Outbox Reader');
    const { context, page } = await openPage(browser, PHONE);
    const confirmation = page.locator('article', { hasText: booking.reference });
    // The message is written by the notifications worker shortly after the booking commits.
    for (let tries = 0; tries < 40 && !(await confirmation.count()); tries++) {
      await page.goto(`${stack.apiUrl}/dev/messages`);
      if (!(await confirmation.count())) await page.waitForTimeout(500);
    }
    await confirmation.first().waitFor();
    expect(await confirmation.first().innerText()).toMatch(/KST/);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'dev-messages-390');
    await context.close();
  });
});
