import { DateTime } from 'luxon';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS, ServiceAreaEntity, ShiftEntity } from '@app/database';
import { Role, ShiftStatus } from '@app/domain';
import {
  DESKTOP,
  launchBrowser,
  openPage,
  PHONE,
  screenshot,
  signInOnPage,
  startWebStack,
  WebStack,
} from '../browser/browser-support';
import {
  bookLuggage,
  collectBags,
  COURIERS,
  courierOf,
  eventually,
  LuggageBooking,
  PNG,
  serverNow,
  setServerNow,
} from '../browser/freelug-support';
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
const driver2 = DEMO_ACCOUNTS.find((a) => a.email.startsWith('driver2'))!;

interface LuggageView {
  id: string;
  reference: string;
  status: string;
  atRisk: boolean;
  atRiskCode: string | null;
  courierStaffId: string | null;
  vehicleId: string | null;
  plannedPickupAt: string | null;
  pinAttempts: number;
  handoverLocked: boolean;
  custody: Array<{ type: string; at: string; details: { bags?: Array<{ tag: string; photoKey: string }> } }>;
}

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
  let dispatcherToken = '';
  /** The Free-Lug day (the seeded courier shifts' day, Seoul). */
  let freelugDay: DateTime;
  /** Couriers' phones, opened when their first task comes and kept open to the end of the day. */
  const courierPhones = new Map<string, { context: BrowserContext; page: Page }>();

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
    dispatcherToken = (await signIn(stack.apiUrl, dispatcher.email, dispatcher.password)).accessToken;
    const ds = stack.apps.api.get(DataSource);
    const freelug = await ds.getRepository(ServiceAreaEntity).findOneByOrFail({ code: 'freelug' });
    const seeded = await ds.getRepository(ShiftEntity).findOneOrFail({ where: { areaId: freelug.id } });
    freelugDay = DateTime.fromJSDate(seeded.plannedStart, { zone: 'Asia/Seoul' }).startOf('day');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await fx?.close();
    await stack?.close();
  });

  const bookAssigned = async (): Promise<Ride> => {
    const booked = await api<{ id: string }>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
      pickupStopId: fx.stop('gd-oryu-stn'),
      dropoffStopId: fx.stop('gd-f-hanbit'),
      passengers: 1,
      timeMode: 'now',
    });
    expect(booked.status).toBe(202);
    await board.waitForSelector(`tr[data-ride-id="${booked.body.id}"]`, { timeout: 20_000 });
    await staff.page.waitForSelector(`[data-testid=next-stop][data-ride-id="${booked.body.id}"][data-kind=pickup]`, {
      timeout: 20_000,
    });
    return (await api<Ride>(stack.apiUrl, 'GET', `/v1/rides/${booked.body.id}`, riderToken)).body;
  };
  const luggage = async (id: string) =>
    (await api<LuggageView>(stack.apiUrl, 'GET', `/v1/luggage/bookings/${id}`, dispatcherToken)).body;
  const custodyTimes = (b: LuggageView, type: string) => b.custody.filter((e) => e.type === type).length;
  /** Holds `check` on every read for `forMs` (a re-plan that would flag it has had its chance). */
  const stays = async <T>(
    read: () => Promise<T>,
    check: (v: T) => boolean,
    what: string,
    forMs: number,
  ): Promise<T> => {
    const until = Date.now() + forMs;
    let last = await read();
    while (Date.now() < until) {
      if (!check(last)) throw new Error(`${what}: became ${JSON.stringify(last)}`);
      await new Promise((r) => setTimeout(r, 500));
      last = await read();
    }
    if (!check(last)) throw new Error(`${what}: became ${JSON.stringify(last)}`);
    return last;
  };
  /** The courier's phone: opened at the first task, its clock agreeing with the server's, then kept. */
  const courierPhone = async (account: (typeof COURIERS)[number]) => {
    const open = courierPhones.get(account.email);
    if (open) return open;
    const phone = await openPage(browser, PHONE, { geolocation: true });
    await phone.page.clock.install({ time: serverNow(stack) });
    await phone.page.goto(`${stack.apiUrl}/staff`);
    await signInOnPage(phone.page, account.email, account.password);
    await phone.page.waitForSelector('[data-testid=live-state][data-state=live]');
    courierPhones.set(account.email, phone);
    return phone;
  };
  const ride = async (id: string) => (await api<Ride>(stack.apiUrl, 'GET', `/v1/rides/${id}`, riderToken)).body;
  const times = (r: Ride, status: string) => (r.history ?? []).filter((h) => h.status === status).length;

  scenario(
    'a driver page that idles between actions, reloads mid-journey and loses signal sends every action exactly once',
    async () => {
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
        await page.waitForSelector(
          `[data-testid=next-stop][data-ride-id="${booked.id}"] [data-testid=main-action][data-action=pickup]`,
          { timeout: 20_000 },
        );
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
        await page.click(
          `[data-testid=next-stop][data-ride-id="${booked.id}"][data-kind=dropoff] [data-testid=main-action][data-action=dropoff]`,
        );
        await page.waitForSelector('[data-testid=outbox]', { state: 'detached', timeout: 20_000 });
        await page.waitForSelector('[data-testid=no-stops]', { timeout: 20_000 });
        const done = await ride(booked.id);
        expect(done.status).toBe('completed');
        // Exactly once each, whatever the idles, the reload and the lost signal did.
        expect(['arrived', 'on_board', 'completed'].map((s) => times(done, s))).toEqual([1, 1, 1]);
        // The board, open all along, agrees.
        await board
          .waitForSelector(`tr[data-ride-id="${booked.id}"]`, { state: 'detached', timeout: 20_000 })
          .catch(() => undefined);
        completed.push(booked.id);
      }
      await screenshot(page, 'day-staff-end-390');
    },
  );

  scenario("the board open all day shows the day's served figure right after a reload", async () => {
    expect(completed.length).toBeGreaterThan(0);
    await board.reload();
    await board.waitForSelector('[data-testid=live-state][data-state=live]');
    // The figures come from the database, so a reload shows the day so far, not an empty board's.
    const served = board.locator('[data-testid=fig-served] .figure-value');
    const want = String(completed.length);
    await board
      .waitForFunction(
        (n) => document.querySelector('[data-testid=fig-served] .figure-value')?.textContent === n,
        want,
        { timeout: 20_000 },
      )
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
      email: 'courier9@day.geomdan.kr',
      displayName: '김새봄',
      kind: 'courier',
      phone: '010-3009-3309',
      language: 'ko',
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

  scenario('a rider with two active rides on two vans sees both vans on the rider page', async () => {
    // A second van comes on shift; the rider's earlier rides of the day are cancelled first.
    const token2 = (await signIn(stack.apiUrl, driver2.email, driver2.password)).accessToken;
    expect((await api(stack.apiUrl, 'POST', '/v1/driver/shifts/start', token2, {})).status).toBe(200);
    const open = (await api<Ride[]>(stack.apiUrl, 'GET', '/v1/rides?scope=current', riderToken)).body.filter(
      (r) => !['cancelled', 'completed'].includes(r.status),
    );
    for (const r of open)
      expect(
        (await api(stack.apiUrl, 'POST', `/v1/rides/${r.id}/cancel`, riderToken, { reason: 'plans changed' })).status,
      ).toBe(200);
    const assigned = (id: string) =>
      eventually(
        () => ride(id),
        (r) => r.status === 'assigned' && !!r.vehicle,
        `ride ${id} assigned`,
      );
    const book = async (from: string, to: string) => {
      const booked = await api<{ id: string }>(stack.apiUrl, 'POST', '/v1/rides', riderToken, {
        pickupStopId: fx.stop(from),
        dropoffStopId: fx.stop(to),
        passengers: 1,
        timeMode: 'now',
      });
      expect(booked.status).toBe(202);
      return assigned(booked.body.id);
    };
    const a = await book('gd-oryu-stn', 'gd-f-hanbit');
    let b = await book('gd-f-hanbit', 'gd-oryu-stn');
    if (b.vehicle!.id === a.vehicle!.id) {
      // Pooled on one van: the dispatcher moves the second to the other van on shift.
      const other = fx.vans.find(
        (v) => v.plate === (a.vehicle!.plate === driver1.staff!.vehicle ? driver2 : driver1).staff!.vehicle,
      )!;
      expect(
        (await api(stack.apiUrl, 'POST', `/v1/dispatch/rides/${b.id}/move`, dispatcherToken, { vehicleId: other.id }))
          .status,
      ).toBe(200);
      b = await eventually(
        () => ride(b.id),
        (r) => r.status === 'assigned' && r.vehicle?.id === other.id,
        'the moved ride',
      );
    }
    expect(b.vehicle!.id).not.toBe(a.vehicle!.id);

    const { page } = await openPage(browser, PHONE);
    await page.goto(`${stack.apiUrl}/rider`);
    await signInOnPage(page, rider.email, rider.password);
    await page.waitForSelector('[data-testid=live-state][data-state=live]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=ride-card]').length === 2, undefined, {
      timeout: 20_000,
    });
    await idle(page, Math.min(profile.idleMs, 10_000));
    // Each van's driver reports a position: the page draws both, each on its own ride's map.
    for (const [r, at] of [
      [a, { lat: 37.5969, lng: 126.6352 }],
      [b, { lat: 37.5991, lng: 126.6601 }],
    ] as const) {
      const driver = [driver1, driver2].find((d) => d.staff!.vehicle === r.vehicle!.plate)!;
      const token = (await signIn(stack.apiUrl, driver.email, driver.password)).accessToken;
      expect(
        (
          await api(stack.apiUrl, 'POST', '/v1/driver/location', token, {
            ...at,
            heading: 90,
            speed: 5,
            at: new Date().toISOString(),
          })
        ).status,
      ).toBe(204);
    }
    await page.waitForFunction(
      (ids) =>
        ids.every((id) =>
          document.querySelector(`[data-testid=ride-card][data-ride-id="${id}"] .map [data-map-kind=van]`),
        ),
      [a.id, b.id],
      { timeout: 15_000 },
    );
    // Still both after a reload.
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=ride-card]').length === 2, undefined, {
      timeout: 20_000,
    });
    await screenshot(page, 'day-rider-two-vans-390');
    await page.close();
    // The rides end here: the rest of the day is Free-Lug's.
    for (const r of [a, b])
      expect(
        (await api(stack.apiUrl, 'POST', `/v1/rides/${r.id}/cancel`, riderToken, { reason: 'plans changed' })).status,
      ).toBe(200);
  });

  scenario(
    'at 01:00 the board lists a booking nobody can carry yet under "unassigned / at risk", and that card does not say "none"',
    async () => {
      // Night in Seoul, on the seeded shifts' day (the api's and the dispatcher's clocks).
      setServerNow(stack, freelugDay.set({ hour: 1 }).toJSDate());
      // Tomorrow afternoon's flight: no courier is on shift tomorrow yet, so it is flagged at once.
      const tomorrow = freelugDay.plus({ days: 1 });
      const booking = await bookLuggage(stack, tomorrow, 'Noah Kim');
      const flagged = await eventually(
        () => luggage(booking.id),
        (b) => b.atRisk,
        'the booking for tomorrow flagged at risk',
      );
      expect(flagged.atRiskCode).toBe('NO_VEHICLE');
      const panel = board.locator('section[aria-labelledby=attention-title]');
      await panel
        .locator(`[data-testid=risky-bookings] tr[data-booking-id="${booking.id}"]`)
        .waitFor({ timeout: 20_000 });
      // One source: the card's count and its rows agree, and it does not also say "none".
      const rows = await panel.locator('tbody tr').count();
      expect(rows).toBeGreaterThan(0);
      expect(await panel.locator('h2').innerText()).toContain(`(${rows})`);
      expect(await panel.locator('text=없음').count()).toBe(0);
      await screenshot(board, 'day-board-at-risk-1440');
      // Cancelled on the traveller's behalf: the card empties and says so once.
      expect(
        (await api(stack.apiUrl, 'POST', `/v1/luggage/bookings/${booking.id}/cancel`, dispatcherToken, {})).status,
      ).toBe(200);
      await panel.locator(`tr[data-booking-id="${booking.id}"]`).waitFor({ state: 'detached', timeout: 20_000 });
      expect(await panel.locator('tbody tr').count()).toBe(0);
      expect(await panel.locator('text=없음').count()).toBe(1);
    },
  );

  scenario(
    'a traveller books at 01:00 for a 07:00 pickup; vans with a night shift, a day shift and a break: planned in the day shift, never SHIFT_END',
    async () => {
      setServerNow(stack, freelugDay.set({ hour: 1 }).toJSDate());
      const at = (h: number, m = 0) => freelugDay.set({ hour: h, minute: m }).toJSDate();
      const ds = stack.apps.api.get(DataSource);
      const shifts = ds.getRepository(ShiftEntity);
      const freelug = await ds.getRepository(ServiceAreaEntity).findOneByOrFail({ code: 'freelug' });
      // Every Free-Lug van: a night shift 01:30–05:59 and the seeded 06:00–22:00 one with a break 12:00–12:30.
      const dayShifts = await shifts.findBy({ areaId: freelug.id, status: ShiftStatus.Planned, plannedStart: at(6) });
      expect(dayShifts.length).toBe(COURIERS.length);
      for (const s of dayShifts) {
        await shifts.update({ id: s.id }, { breaks: [{ start: at(12).toISOString(), end: at(12, 30).toISOString() }] });
        await shifts.insert({
          staffId: s.staffId,
          vehicleId: s.vehicleId,
          areaId: freelug.id,
          plannedStart: at(1, 30),
          plannedEnd: at(5, 59),
          status: ShiftStatus.Planned,
          breaks: [],
        });
      }

      const quoteBody = {
        origin: 'h-grand-hyatt-incheon',
        destination: 'icn-t1',
        bags: { carry_on: 1, suitcase: 1, oversize: 0 },
        flightNumber: 'KE123',
        flightAt: freelugDay.set({ hour: 12 }).toISO()!,
      };
      const quote = await api<{ quoteToken: string }>(stack.apiUrl, 'POST', '/v1/luggage/quotes', null, quoteBody);
      expect(quote.status).toBe(200);
      const created = await api<LuggageBooking>(stack.apiUrl, 'POST', '/v1/luggage/bookings', null, {
        ...quoteBody,
        quoteToken: quote.body.quoteToken,
        contact: { name: 'Mina Park', phone: '+82 10-2345-6789', email: 'mina@example.com' },
        language: 'ko',
        prohibitedItemsConfirmed: true,
      });
      expect(created.status).toBe(201);
      const id = created.body.id;
      // The traveller's plans change at the end (cancelled, free before the courier sets off), so the morning starts clean.
      const cancel = async () =>
        expect((await api(stack.apiUrl, 'POST', `/v1/luggage/bookings/${id}/cancel`, dispatcherToken, {})).status).toBe(
          200,
        );
      const planned = async () => {
        const assigned = await eventually(
          () => luggage(id),
          (b) => b.status === 'assigned' || b.atRisk,
          'the night booking planned',
        );
        expect({ status: assigned.status, atRisk: assigned.atRisk, code: assigned.atRiskCode }).toEqual({
          status: 'assigned',
          atRisk: false,
          code: null,
        });
        // The debounced re-plan of the day (10 s buckets) runs meanwhile and must not flag it either.
        const kept = await stays(
          () => luggage(id),
          (b) => b.status === 'assigned' && !b.atRisk,
          'the night booking after the day re-plan',
          15_000,
        );
        expect(new Date(kept.plannedPickupAt!).getTime()).toBeGreaterThanOrEqual(at(7).getTime());
        // Carried in the van's day shift (06:00–22:00), not its night one.
        const carrying = await shifts
          .createQueryBuilder('s')
          .where('s.staff_id = :staff AND s.vehicle_id = :van', { staff: kept.courierStaffId, van: kept.vehicleId })
          .andWhere('s.planned_start <= :t AND s.planned_end > :t', { t: new Date(kept.plannedPickupAt!) })
          .getMany();
        expect(carrying.map((s) => s.plannedStart.getTime())).toEqual([at(6).getTime()]);

        // The traveller's tracking page says assigned, with no deadline warning.
        const { page } = await openPage(browser, PHONE);
        await page.clock.install({ time: serverNow(stack) });
        await page.goto(`${stack.apiUrl}/track/${encodeURIComponent(created.body.trackingToken)}`);
        await page.waitForSelector('[data-testid=tracking][data-status=assigned]', { timeout: 20_000 });
        expect(await page.locator('[data-testid=tracking] .warning[role=alert]').count()).toBe(0);
        await screenshot(page, 'day-track-night-booking-390');
        await page.close();
        // The board, open all night, lists it as under way with no risk badge and no deadline alert (defect 7).
        await board.waitForSelector(`[data-testid=active-bookings] tr[data-booking-id="${id}"]`, { timeout: 20_000 });
        expect(await board.locator(`tr[data-booking-id="${id}"] .badge-risk`).count()).toBe(0);
        expect(await board.locator(`[data-alert-kind=deadline]:has-text("${created.body.reference}")`).count()).toBe(0);
        await screenshot(board, 'day-board-night-1440');
      };
      try {
        await planned();
      } finally {
        await cancel();
      }
    },
  );

  scenario(
    "a courier's staff page that idles, reloads mid-journey and loses signal sends the pickup (tags, photos) and the PIN handover exactly once",
    async () => {
      for (let j = 0; j < profile.journeys; j++) {
        // Each journey starts at 08:00: the full profile's idles would otherwise carry the morning
        // past the 10:00 same-day cutoff. The phones open so far are moved with the server.
        setServerNow(stack, freelugDay.set({ hour: 8 }).toJSDate());
        for (const phone of courierPhones.values()) await phone.page.clock.setSystemTime(serverNow(stack));
        const booking = await bookLuggage(stack, freelugDay, `Day Traveller ${j + 1}`);
        const courier = await courierOf(stack, booking.id);
        const { context, page } = await courierPhone(courier.account);
        const task = page.locator(`[data-testid=next-task]:has(.eyebrow:has-text("${booking.reference}"))`);
        await task.waitFor({ timeout: 20_000 });

        // The phone lies on the seat, then the courier sets off.
        await idle(page, profile.idleMs);
        await task.locator('[data-testid=main-action]').click();
        await page.waitForSelector('[data-testid=outbox]', { state: 'detached', timeout: 20_000 });
        await eventually(
          () => luggage(booking.id),
          (b) => b.status === 'courier_en_route',
          'set off',
        );

        // Mid-journey the page is reloaded: it comes back on the pickup form.
        await page.reload();
        await page.waitForSelector('[data-testid=live-state][data-state=live]', { timeout: 20_000 });
        await task.locator('input[name=tag-1]').waitFor({ timeout: 20_000 });
        await idle(page, profile.idleMs);

        // At the hotel, no signal: tags typed, a photo per bag, pickup pressed. Kept, and said so.
        for (const n of [0, 1]) {
          await page.fill(`input[name=tag-${n}]`, `FL-D${j}-00${n + 1}`);
          await page.setInputFiles(`input[name=photo-${n}]`, {
            name: `bag-${n}.png`,
            mimeType: 'image/png',
            buffer: PNG,
          });
        }
        await context.setOffline(true);
        await task.locator('[data-testid=main-action]').click();
        await page.waitForSelector('[data-testid=outbox][data-count="1"]');
        await task.locator('[data-testid=task-not-sent]').waitFor();
        // Not shown as done: no in-transit button while the server has not confirmed the pickup.
        expect(await task.getAttribute('data-status')).toBe('courier_en_route');
        expect(await task.locator('[data-testid=main-action]').count()).toBe(0);
        expect((await luggage(booking.id)).status).toBe('courier_en_route');
        await idle(page, Math.min(profile.idleMs, 30_000));
        await context.setOffline(false);
        await page.waitForSelector('[data-testid=outbox]', { state: 'detached', timeout: 30_000 });
        await page.waitForSelector(`[data-testid=next-task][data-status=picked_up]`, { timeout: 20_000 });
        const picked = await luggage(booking.id);
        expect(picked.status).toBe('picked_up');
        expect(custodyTimes(picked, 'picked_up')).toBe(1);
        expect(picked.custody.find((e) => e.type === 'picked_up')!.details.bags?.map((b) => b.tag)).toEqual([
          `FL-D${j}-001`,
          `FL-D${j}-002`,
        ]);

        await idle(page, profile.idleMs);
        await task.locator('[data-testid=main-action]').click();
        await task.locator('input[name=pin]').waitFor({ timeout: 20_000 });
        await page.waitForSelector('[data-testid=outbox]', { state: 'detached', timeout: 20_000 });
        await eventually(
          () => luggage(booking.id),
          (b) => b.status === 'in_transit',
          'in transit',
        );

        // At the terminal, no signal again: the PIN handover waits, shown as not sent, never as done.
        await idle(page, profile.idleMs);
        await context.setOffline(true);
        await page.fill('input[name=pin]', booking.pin);
        await task.locator('[data-testid=main-action]').click();
        await page.waitForSelector('[data-testid=outbox][data-count="1"]');
        const confirmed = page.locator(`[data-testid=handover-confirmed][data-path$="/${booking.id}/deliver"]`);
        expect(await confirmed.count()).toBe(0);
        expect((await luggage(booking.id)).status).toBe('in_transit');
        await idle(page, Math.min(profile.idleMs, 30_000));
        await context.setOffline(false);
        await page.waitForSelector('[data-testid=outbox]', { state: 'detached', timeout: 30_000 });
        await confirmed.waitFor({ timeout: 20_000 });
        const done = await luggage(booking.id);
        expect(done.status).toBe('delivered');
        // Exactly once each, whatever the idles, the reload and the lost signal did.
        expect(
          ['courier_en_route', 'picked_up', 'in_transit', 'delivered'].map((type) => custodyTimes(done, type)),
        ).toEqual([1, 1, 1, 1]);
        await board.waitForSelector(`tr[data-booking-id="${booking.id}"]`, { state: 'detached', timeout: 20_000 });
      }
      await screenshot([...courierPhones.values()][0].page, 'day-courier-end-390');
    },
  );

  scenario(
    'the board open all day: five wrong PINs raise the lockout alert live and after a reload; released from the board, the courier hands over',
    async () => {
      const booking = await bookLuggage(stack, freelugDay, 'Emma Lee');
      const courier = await courierOf(stack, booking.id);
      await collectBags(stack, booking.id, courier.token);
      const { page } = await courierPhone(courier.account);
      // The bags were collected through the API on the server's clock: the phone's clock, which has
      // run on its own since it was set, is put right, else its handover reads as before the pickup.
      await page.clock.setSystemTime(serverNow(stack));
      const task = page.locator(`[data-testid=next-task]:has(.eyebrow:has-text("${booking.reference}"))`);
      await task.locator('input[name=pin]').waitFor({ timeout: 20_000 });
      const alert = board.locator(`[data-alert-kind=pin_locked][data-booking-id="${booking.id}"]`);
      expect(await alert.count()).toBe(0);

      // The traveller's PIN is misread five times on the courier's phone.
      const wrong = booking.pin === '000000' ? '111111' : '000000';
      for (let n = 1; n <= 5; n += 1) {
        await task.locator('input[name=pin]').waitFor({ timeout: 20_000 });
        await page.fill('input[name=pin]', wrong);
        await task.locator('[data-testid=main-action]').click();
        await page.waitForSelector('[data-testid=outbox]', { state: 'detached', timeout: 20_000 });
        await eventually(
          () => luggage(booking.id),
          (b) => b.pinAttempts === n || b.handoverLocked,
          `wrong PIN ${n} recorded`,
        );
      }
      const locked = await luggage(booking.id);
      expect({ locked: locked.handoverLocked, status: locked.status }).toEqual({ locked: true, status: 'in_transit' });
      expect(custodyTimes(locked, 'delivered')).toBe(0);
      await page.waitForSelector('[role=alert]:has-text("배차 담당자")', { timeout: 15_000 });

      // The board hears it without a reload, and still shows it after one (from the database).
      await alert.waitFor({ timeout: 15_000 });
      expect(await alert.innerText()).toContain(booking.reference);
      await idle(board, Math.min(profile.idleMs, 10_000));
      await board.reload();
      await board.waitForSelector('[data-testid=live-state][data-state=live]', { timeout: 20_000 });
      await alert.waitFor({ timeout: 20_000 });
      await screenshot(board, 'day-board-pin-locked-1440');

      board.once('dialog', (d) => void d.accept());
      await alert.locator('[data-testid=release-handover]').click();
      await alert.waitFor({ state: 'detached', timeout: 20_000 });
      expect(await luggage(booking.id)).toMatchObject({ handoverLocked: false, pinAttempts: 0 });

      // The courier's page drops the lock message live; the right PIN hands over, once.
      await page.waitForSelector('[role=alert]:has-text("배차 담당자")', { state: 'detached', timeout: 15_000 });
      await page.fill('input[name=pin]', booking.pin);
      await task.locator('[data-testid=main-action]').click();
      await page.waitForSelector(`[data-testid=handover-confirmed][data-path$="/${booking.id}/deliver"]`, {
        timeout: 20_000,
      });
      const done = await luggage(booking.id);
      expect(done.status).toBe('delivered');
      expect(custodyTimes(done, 'delivered')).toBe(1);
      await board.waitForSelector(`tr[data-booking-id="${booking.id}"]`, { state: 'detached', timeout: 20_000 });
    },
  );
});
