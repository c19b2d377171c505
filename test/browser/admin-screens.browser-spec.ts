import { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { api } from '../support/shuttle-fixtures';
import { signIn } from '../support/stack';
import { DESKTOP, GEOMDAN, horizontalOverflow, launchBrowser, openPage, PHONE, screenshot, seriousA11yViolations, signInOnPage, startWebStack, WebStack } from './browser-support';

const dispatcher = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;
const admin = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;

interface Vehicle {
  id: string;
  plate: string;
  seats: number;
  inService: boolean;
}

describe('admin screens in the browser: admins change, dispatchers see', () => {
  let stack: WebStack;
  let browser: Browser;
  let page: Page;
  const plate = '인천 70바 9901';

  beforeAll(async () => {
    stack = await startWebStack();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('the api serves /admin as a page', async () => {
    const res = await fetch(`${stack.apiUrl}/admin`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
  });

  it('an admin signs in and sees the service areas with their hours and the change controls', async () => {
    ({ page } = await openPage(browser, DESKTOP));
    await page.goto(`${stack.apiUrl}/admin`);
    await signInOnPage(page, admin.email, admin.password);
    await page.waitForSelector('[data-testid=areas] tbody tr[data-area-id]');
    await page.waitForSelector('[data-testid=area-new]');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-areas-1440');
  });

  it('the admin adds a stop in the Geomdan area', async () => {
    await page.click('button[data-tab=places]');
    await page.waitForSelector('[data-testid=places] tr[data-place-code]');
    await page.click('[data-testid=place-new]');
    const form = page.locator('[data-testid=place-form]');
    await form.locator('input[name=code]').fill('gd-test-gate');
    await form.locator('input[name=nameKo]').fill('시험 정문');
    await form.locator('input[name=nameEn]').fill('Test Gate');
    await form.locator('select[name=kind]').selectOption('park_gate');
    await form.locator('input[name=lat]').fill(String(GEOMDAN.latitude));
    await form.locator('input[name=lng]').fill(String(GEOMDAN.longitude));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=places] tr[data-place-code="gd-test-gate"]');
    expect(await page.locator('[data-testid=places] tr[data-place-code="gd-test-gate"]').innerText()).toContain('시험 정문');
  });

  it('the admin adds a van; zero seats is refused with the API code shown', async () => {
    await page.click('button[data-tab=fleet]');
    await page.waitForSelector('[data-testid=vans] tr[data-plate]');
    await page.click('[data-testid=van-new]');
    const form = page.locator('[data-testid=van-form]');
    await form.locator('input[name=plate]').fill(plate);
    await form.locator('input[name=label]').fill('무빙콜 9호');
    await form.locator('input[name=seats]').fill('0');
    await form.locator('input[name=bagSlots]').fill('0');
    await form.locator('button[type=submit]').click();
    const error = page.locator('[data-testid=section-fleet] [data-testid=admin-error]');
    await error.waitFor();
    expect(await error.innerText()).toContain('VEHICLE_CAPACITY_INVALID');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-van-error-1440');
    await form.locator('input[name=seats]').fill('11');
    await form.locator('button[type=submit]').click();
    await page.waitForSelector(`[data-testid=vans] tr[data-plate="${plate}"][data-in-service=true]`);
  });

  it('the admin takes the new van out of service', async () => {
    await page.click(`[data-testid=vans] tr[data-plate="${plate}"] [data-testid=van-out]`);
    await page.waitForSelector(`[data-testid=vans] tr[data-plate="${plate}"][data-in-service=false]`);
    const token = (await signIn(stack.apiUrl, admin.email, admin.password)).accessToken;
    const vans = (await api<Vehicle[]>(stack.apiUrl, 'GET', '/v1/admin/vehicles', token)).body;
    expect(vans.find((v) => v.plate === plate)).toMatchObject({ seats: 11, inService: false });
  });

  it('the other screens list what the API holds: staff, rosters, companies and the Free-Lug prices', async () => {
    await page.click('button[data-tab=staff]');
    await page.waitForSelector('[data-testid=staff] tr[data-staff-id]');
    await page.click('button[data-tab=shifts]');
    await page.waitForSelector('[data-testid=shifts] tbody tr');
    await page.click('button[data-tab=companies]');
    await page.waitForSelector('[data-testid=companies] tr[data-company-code="HANBIT01"]');
    await page.click('button[data-tab=prices]');
    await page.selectOption('select[name=adminArea]', { label: (await page.locator('select[name=adminArea] option[data-code=freelug]').innerText()).trim() });
    await page.waitForSelector('[data-testid=price-current]');
    await page.waitForSelector('[data-testid=price-history] tbody tr');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-prices-1440');
  });

  it('the audit log shows those changes with who, when and before/after', async () => {
    await page.click('button[data-tab=audit]');
    for (const action of ['place.created', 'vehicle.created', 'vehicle.out_of_service']) await page.waitForSelector(`[data-testid=audit] tr[data-action="${action}"]`);
    const row = page.locator('[data-testid=audit] tr[data-action="vehicle.out_of_service"]').first();
    expect(await row.innerText()).toContain(admin.displayName);
    await row.locator('summary').click();
    expect(await row.locator('pre').last().innerText()).toContain('"inService": false');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-audit-1440');
    await page.setViewportSize(PHONE);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-audit-390');
  });

  it('a dispatcher opens /admin and sees the lists without the change controls (and no audit log)', async () => {
    const { page: d } = await openPage(browser, DESKTOP);
    await d.goto(`${stack.apiUrl}/admin`);
    await signInOnPage(d, dispatcher.email, dispatcher.password);
    await d.waitForSelector('[data-testid=admin][data-role=dispatcher] [data-testid=areas] tbody tr[data-area-id]');
    expect(await d.locator('[data-testid=area-new]').count()).toBe(0);
    expect(await d.locator('button[data-tab=audit]').count()).toBe(0);
    await d.click('button[data-tab=fleet]');
    await d.waitForSelector(`[data-testid=vans] tr[data-plate="${plate}"][data-in-service=false]`);
    expect(await d.locator('[data-testid=van-new]').count()).toBe(0);
    expect(await d.locator('[data-testid=vans] button').count()).toBe(0);
    await d.click('button[data-tab=places]');
    await d.waitForSelector('[data-testid=places] tr[data-place-code="gd-test-gate"]');
    expect(await d.locator('[data-testid=places] button').count()).toBe(0);
    expect(await seriousA11yViolations(d)).toEqual([]);
    expect(await horizontalOverflow(d)).toBeLessThanOrEqual(0);
    await screenshot(d, 'admin-dispatcher-1440');
    await d.setViewportSize(PHONE);
    expect(await seriousA11yViolations(d)).toEqual([]);
    expect(await horizontalOverflow(d)).toBeLessThanOrEqual(0);
    await screenshot(d, 'admin-dispatcher-390');
    // English by the switch.
    await d.click('[data-testid=lang-switch]');
    await d.waitForSelector('h1:has-text("Administration")');
  });
});
