import { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { api } from '../support/shuttle-fixtures';
import { signIn } from '../support/stack';
import {
  DESKTOP,
  GEOMDAN,
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

const dispatcher = DEMO_ACCOUNTS.find((a) => a.role === Role.Dispatcher)!;
const admin = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;

interface Vehicle {
  id: string;
  plate: string;
  seats: number;
  inService: boolean;
}
interface Holiday {
  date: string;
  name?: { ko: string; en: string };
  hours?: Array<{ opens: string; closes: string }>;
}
interface Area {
  id: string;
  code: string;
  holidays: Holiday[];
  settings: Record<string, unknown>;
}
interface Shift {
  id: string;
  staffId: string;
  vehicleId: string;
  status: string;
  plannedStart: string;
  plannedEnd: string;
  breaks: Array<{ start: string; end: string }>;
}

const seoulDay = (d: Date): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Seoul',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
const seoulIso = (day: string, hhmm: string): string => new Date(`${day}T${hhmm}:00+09:00`).toISOString();
/** The API stores "closed" both with and without an empty hours list; compare them alike. */
const normalized = (list: Holiday[]) => list.map((h) => ({ date: h.date, name: h.name, hours: h.hours ?? [] }));

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

  const adminToken = async () => (await signIn(stack.apiUrl, admin.email, admin.password)).accessToken;
  const geomdan = async (): Promise<Area> =>
    (await api<Area[]>(stack.apiUrl, 'GET', '/v1/admin/areas', await adminToken())).body.find(
      (a) => a.code === 'geomdan',
    )!;
  /** Requests the page sends that change things, by method and path. */
  const changes: string[] = [];

  it('the admin gives the Geomdan shuttle a short day as a holiday; the API returns it beside the seeded ones', async () => {
    page.on('request', (r) => {
      if (r.method() !== 'GET') changes.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    const before = await geomdan();
    expect(before.holidays.length).toBeGreaterThan(0);
    // Tomorrow in Seoul, or the first later day the seed has not made a holiday already.
    let date = seoulDay(new Date(Date.now() + 24 * 3600_000));
    while (before.holidays.some((h) => h.date === date))
      date = seoulDay(new Date(Date.parse(`${date}T12:00:00+09:00`) + 24 * 3600_000));

    await page.click('[data-testid=areas] tr[data-area-code=geomdan] [data-testid=area-edit]');
    const form = page.locator('[data-testid=area-form]');
    const text = await form.locator('textarea[name=holidays]').inputValue();
    // The stored list is shown one line per day, in the format the form reads back.
    expect(text.split('\n')).toHaveLength(before.holidays.length);
    expect(text).toContain('2026-12-25 성탄절 / Christmas Day');
    await form.locator('textarea[name=holidays]').fill(`${text}\n${date} 10:00-13:00 시험 단축 운행 / Test short day`);
    await form.locator('input[name=noShowAfterMin]').fill('4');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await form.locator('button[type=submit]').click();
    await form.waitFor({ state: 'detached' });
    await page.waitForSelector(
      `[data-testid=areas] tr[data-area-code=geomdan] [data-testid=area-holidays] [data-date="${date}"]`,
    );
    expect(
      await page.locator(`[data-testid=areas] tr[data-area-code=geomdan] [data-date="${date}"]`).innerText(),
    ).toContain('시험 단축 운행');
    await screenshot(page, 'admin-area-holidays-1440');

    const after = await geomdan();
    expect(after.holidays.find((h) => h.date === date)).toEqual({
      date,
      name: { ko: '시험 단축 운행', en: 'Test short day' },
      hours: [{ opens: '10:00', closes: '13:00' }],
    });
    expect(normalized(after.holidays.filter((h) => h.date !== date))).toEqual(normalized(before.holidays));
    // The other knobs went back as they were; the one changed is merged in.
    expect(after.settings).toEqual({ ...before.settings, noShowAfterMin: 4 });
  });

  it('a holiday line that does not read is named in the error, and nothing is sent', async () => {
    const before = await geomdan();
    await page.click('[data-testid=areas] tr[data-area-code=geomdan] [data-testid=area-edit]');
    const form = page.locator('[data-testid=area-form]');
    const text = await form.locator('textarea[name=holidays]').inputValue();
    const badLine = before.holidays.length + 1;
    await form.locator('textarea[name=holidays]').fill(`${text}\n12/31 송년 / Year end`);
    const sent = changes.length;
    await form.locator('button[type=submit]').click();
    const error = page.locator('[data-testid=section-areas] [data-testid=admin-error]');
    await error.waitFor();
    expect(await error.innerText()).toContain(`휴일 ${badLine}번째 줄 "12/31 송년 / Year end"`);
    expect(changes.slice(sent)).toEqual([]);
    expect(await form.count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(normalized((await geomdan()).holidays)).toEqual(normalized(before.holidays));
    await form.locator('button', { hasText: '닫기' }).click();
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
    // Placed by a tap on the map (it opens on the Geomdan park), not by typing numbers.
    expect(await form.locator('input[name=lat]').inputValue()).toBe('');
    const map = form.locator('[data-testid=position-map]');
    await map.waitFor();
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await form.locator('[data-map-kind=pin]').waitFor();
    const lat = Number(await form.locator('input[name=lat]').inputValue());
    const lng = Number(await form.locator('input[name=lng]').inputValue());
    expect(Math.abs(lat - GEOMDAN.latitude)).toBeLessThan(0.01);
    expect(Math.abs(lng - GEOMDAN.longitude)).toBeLessThan(0.01);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-place-map-1440');
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=places] tr[data-place-code="gd-test-gate"]');
    expect(await page.locator('[data-testid=places] tr[data-place-code="gd-test-gate"]').innerText()).toContain(
      lat.toFixed(5),
    );
    expect(await page.locator('[data-testid=places] tr[data-place-code="gd-test-gate"]').innerText()).toContain(
      '시험 정문',
    );
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

  it('taking the new van out of service asks first: no keeps it in service, yes takes it out', async () => {
    const vanOf = async () =>
      (await api<Vehicle[]>(stack.apiUrl, 'GET', '/v1/admin/vehicles', await adminToken())).body.find(
        (v) => v.plate === plate,
      );
    const asked: string[] = [];
    const sent = changes.length;
    page.once('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await page.click(`[data-testid=vans] tr[data-plate="${plate}"] [data-testid=van-out]`);
    expect(asked).toEqual([
      '무빙콜 9호(인천 70바 9901) 차량을 운행 중지할까요? 배정된 운행은 다른 차량으로 다시 배차됩니다.',
    ]);
    expect(await page.locator(`[data-testid=vans] tr[data-plate="${plate}"]`).getAttribute('data-in-service')).toBe(
      'true',
    );
    expect(await vanOf()).toMatchObject({ inService: true });

    page.once('dialog', (d) => {
      asked.push(d.message());
      void d.accept();
    });
    await page.click(`[data-testid=vans] tr[data-plate="${plate}"] [data-testid=van-out]`);
    await page.waitForSelector(`[data-testid=vans] tr[data-plate="${plate}"][data-in-service=false]`);
    expect(asked).toHaveLength(2);
    expect(await vanOf()).toMatchObject({ seats: 11, inService: false });
    // The dismissed prompt sent nothing: one request in all, from the accepted one.
    const van = (await vanOf())!;
    expect(changes.slice(sent)).toEqual([`POST /v1/admin/vehicles/${van.id}/out-of-service`]);
  });

  it('the admin plans tomorrow’s shift with two breaks through the form, then removes one; the API returns them', async () => {
    const token = await adminToken();
    const area = await geomdan();
    const range = (day: string) =>
      `areaId=${area.id}&from=${encodeURIComponent(seoulIso(day, '00:00'))}&to=${encodeURIComponent(seoulIso(day, '23:59'))}`;
    const shiftsOn = async (day: string) =>
      (await api<Shift[]>(stack.apiUrl, 'GET', `/v1/admin/shifts?${range(day)}`, token)).body;
    // Today's seeded shift gives a driver and a van of the area; tomorrow both are free.
    const seeded = (await shiftsOn(seoulDay(new Date())))[0];
    const day = seoulDay(new Date(Date.now() + 24 * 3600_000));
    expect((await shiftsOn(day)).filter((s) => s.status !== 'cancelled')).toEqual([]);

    await page.click('button[data-tab=shifts]');
    const section = page.locator('[data-testid=section-shifts]');
    await section.locator('input[name=day]').fill(day);
    await page.waitForSelector('[data-testid=shifts] td[colspan]');
    await section.getByRole('button', { name: '근무 추가' }).click();
    const form = page.locator('[data-testid=shift-form]');
    await form.locator('select[name=staffId]').selectOption(seeded.staffId);
    await form.locator('select[name=vehicleId]').selectOption(seeded.vehicleId);
    await form.locator('input[name=start]').fill('07:00');
    await form.locator('input[name=end]').fill('15:00');
    await form.locator('input[name=breaks]').fill('10:00-10:15, 12:00-12:30');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await form.locator('button[type=submit]').click();
    const breaks = page.locator('[data-testid=shifts] tr[data-shift-id] [data-testid=shift-breaks]');
    await breaks.locator('div').nth(1).waitFor();
    expect(await breaks.innerText()).toContain('12:30');
    await screenshot(page, 'admin-shift-breaks-1440');

    const iso = (b: { start: string; end: string }) => ({
      start: new Date(b.start).toISOString(),
      end: new Date(b.end).toISOString(),
    });
    const [created] = await shiftsOn(day);
    expect(created).toMatchObject({
      plannedStart: seoulIso(day, '07:00'),
      plannedEnd: seoulIso(day, '15:00'),
      status: 'planned',
    });
    expect(created.breaks.map(iso)).toEqual([
      { start: seoulIso(day, '10:00'), end: seoulIso(day, '10:15') },
      { start: seoulIso(day, '12:00'), end: seoulIso(day, '12:30') },
    ]);

    await page.click(`[data-testid=shifts] tr[data-shift-id="${created.id}"] [data-testid=shift-edit]`);
    expect(await form.locator('input[name=breaks]').inputValue()).toBe('10:00-10:15, 12:00-12:30');
    await form.locator('input[name=breaks]').fill('12:00-12:30');
    await form.locator('button[type=submit]').click();
    await form.waitFor({ state: 'detached' });
    await breaks.locator('div').nth(1).waitFor({ state: 'detached' });
    const [edited] = await shiftsOn(day);
    expect(edited).toMatchObject({
      id: created.id,
      plannedStart: created.plannedStart,
      plannedEnd: created.plannedEnd,
    });
    expect(edited.breaks.map(iso)).toEqual([{ start: seoulIso(day, '12:00'), end: seoulIso(day, '12:30') }]);
  });

  it('the other screens list what the API holds: staff, rosters, companies and the Free-Lug prices', async () => {
    await page.click('button[data-tab=staff]');
    await page.waitForSelector('[data-testid=staff] tr[data-staff-id]');
    await page.click('button[data-tab=shifts]');
    await page.waitForSelector('[data-testid=shifts] tbody tr');
    await page.click('button[data-tab=companies]');
    await page.waitForSelector('[data-testid=companies] tr[data-company-code="HANBIT01"]');
    await page.click('button[data-tab=prices]');
    await page.selectOption('select[name=adminArea]', {
      label: (await page.locator('select[name=adminArea] option[data-code=freelug]').innerText()).trim(),
    });
    await page.waitForSelector('[data-testid=price-current]');
    await page.waitForSelector('[data-testid=price-history] tbody tr');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-prices-1440');
  });

  it('the audit log shows those changes with who, when and before/after', async () => {
    await page.click('button[data-tab=audit]');
    for (const action of ['place.created', 'vehicle.created', 'vehicle.out_of_service'])
      await page.waitForSelector(`[data-testid=audit] tr[data-action="${action}"]`);
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
