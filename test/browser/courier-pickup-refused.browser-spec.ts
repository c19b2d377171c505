import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { api } from '../support/shuttle-fixtures';
import { launchBrowser, openPage, PHONE, screenshot, signInOnPage, startWebStack, WebStack } from './browser-support';
import { bookLuggage, courierOf, freelugMorning, PNG, serverNow } from './freelug-support';

describe('courier pickup: a photo the server refuses keeps what the courier typed', () => {
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

  it('the refusal is shown, the bag tags are still there, and a good photo then picks the bags up', async () => {
    const day = await freelugMorning(stack);
    const booking = await bookLuggage(stack, day);
    const courier = await courierOf(stack, booking.id);
    expect(
      (await api(stack.apiUrl, 'POST', `/v1/luggage/courier/bookings/${booking.id}/en-route`, courier.token, {}))
        .status,
    ).toBe(200);

    const { page } = await openPage(browser, PHONE, { geolocation: true });
    await page.clock.install({ time: serverNow(stack) });
    await page.goto(`${stack.apiUrl}/staff`);
    await signInOnPage(page, courier.account.email, courier.account.password);
    await page.waitForSelector('input[name=tag-0]');
    await page.fill('input[name=tag-0]', 'FL-T-0001');
    await page.fill('input[name=tag-1]', 'FL-T-0002');
    await page.setInputFiles('input[name=photo-0]', { name: 'bag-0.png', mimeType: 'image/png', buffer: PNG });
    // Says it is a PNG, is not one: the server sniffs the bytes and refuses the pickup.
    await page.setInputFiles('input[name=photo-1]', {
      name: 'bag-1.png',
      mimeType: 'image/png',
      buffer: Buffer.from('not an image at all'),
    });
    await page.click('[data-testid=main-action]');

    await page.waitForSelector('p.error[role=alert]', { timeout: 20_000 });
    await page.waitForSelector('input[name=tag-0]');
    await screenshot(page, 'courier-pickup-refused-390');
    expect([await page.inputValue('input[name=tag-0]'), await page.inputValue('input[name=tag-1]')]).toEqual([
      'FL-T-0001',
      'FL-T-0002',
    ]);

    // The courier retakes the photos (files cannot be restored by a page) and the pickup goes through.
    await page.setInputFiles('input[name=photo-0]', { name: 'bag-0.png', mimeType: 'image/png', buffer: PNG });
    await page.setInputFiles('input[name=photo-1]', { name: 'bag-1.png', mimeType: 'image/png', buffer: PNG });
    await page.click('[data-testid=main-action]');
    await page.waitForSelector('[data-testid=confirmed]', { timeout: 20_000 });
    const bags = (await stack.apps.api
      .get(DataSource)
      .query(`SELECT tag_code FROM luggage_bags WHERE booking_id = $1 ORDER BY tag_code`, [booking.id])) as Array<{
      tag_code: string;
    }>;
    expect(bags.map((b) => b.tag_code)).toEqual(['FL-T-0001', 'FL-T-0002']);
    await page.close();
  });
});
