import { DateTime } from 'luxon';
import { HolidayRule, isWithinServiceHours, ServiceWindow } from '@app/domain';
import { ApiClient } from './client';
import { SIM_SHUTTLE_AREA } from './sim-accounts';

interface AdminArea {
  id: string;
  code: string;
  timezone: string;
  serviceHours: ServiceWindow[];
  holidays: HolidayRule[];
}
interface AdminStaff {
  id: string;
  email: string | null;
  areaIds: string[];
  active: boolean;
}
interface AdminVehicle {
  id: string;
  plate: string;
}
interface AdminShift {
  id: string;
  staffId: string;
  plannedStart: string;
  plannedEnd: string;
  status: string;
}

const ALL_DAY = ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, opens: '00:00', closes: '23:59' }));
const HOUR = 3_600_000;
const SEOUL = 'Asia/Seoul';
/** Tomorrow's shift of each simulated driver and courier, in Seoul hours. */
const TOMORROW_SHIFT = { start: 7, end: 21 };

/**
 * What an operator would do so that the demo can run now: open the simulator's shuttle area around
 * the clock when its hours do not cover the next hour (the demo area keeps its hours: they are the
 * people's), and plan today's shifts for the simulator's drivers
 * and couriers (`crew`) who have none covering now, and tomorrow's day shift: after the same-day
 * cutoff its travellers book for tomorrow, and with no courier on shift then every such booking
 * was flagged at risk at once. Only the admin API is used.
 */
export async function prepareOperations(
  admin: ApiClient,
  say: (line: string) => void,
  crew: readonly { email: string; plate: string }[] = [],
  now = new Date(),
): Promise<void> {
  const areas = await admin.request<AdminArea[]>('GET', '/v1/admin/areas');
  for (const area of areas.filter((a) => a.code === SIM_SHUTTLE_AREA)) {
    const soon = [now, new Date(now.getTime() + HOUR)];
    if (soon.every((at) => isWithinServiceHours(at, area.serviceHours, area.timezone, area.holidays))) continue;
    // A holiday today would keep it closed whatever the week's hours: the demo runs through it.
    const soonDates = new Set(soon.map((at) => DateTime.fromJSDate(at, { zone: area.timezone }).toISODate()));
    await admin.request('PATCH', `/v1/admin/areas/${area.id}`, {
      serviceHours: ALL_DAY,
      holidays: area.holidays.filter((h) => !soonDates.has(h.date)),
    });
    say(
      `operator: ${area.code} service hours opened around the clock for the demo (they were ${area.serviceHours.map((w) => `${w.weekday} ${w.opens}-${w.closes}`).join(', ') || 'none'})`,
    );
  }

  const staff = await admin.request<AdminStaff[]>('GET', '/v1/admin/staff');
  const vehicles = await admin.request<AdminVehicle[]>('GET', '/v1/admin/vehicles');
  const shifts = await admin.request<AdminShift[]>(
    'GET',
    `/v1/admin/shifts?from=${encodeURIComponent(now.toISOString())}`,
  );
  for (const account of crew) {
    const person = staff.find((s) => s.email === account.email && s.active);
    const vehicle = vehicles.find((v) => v.plate === account.plate);
    if (!person || !vehicle) {
      say(`operator: ${account.email} or the van ${account.plate} is missing; skipped`);
      continue;
    }
    await planTomorrow(admin, say, account, person.id, vehicle.id, shifts, now);
    const open = (s: AdminShift) => s.staffId === person.id && (s.status === 'planned' || s.status === 'active');
    const current = shifts.find(
      (s) =>
        open(s) && Date.parse(s.plannedStart) <= now.getTime() + 60_000 && Date.parse(s.plannedEnd) > now.getTime(),
    );
    if (current && Date.parse(current.plannedEnd) > now.getTime() + HOUR) continue;
    // Up to 12 hours, or until the person's next planned shift.
    const next = shifts
      .filter((s) => open(s) && s.id !== current?.id && Date.parse(s.plannedStart) > now.getTime())
      .map((s) => Date.parse(s.plannedStart))
      .sort((a, b) => a - b)[0];
    const end = Math.min(now.getTime() + 12 * HOUR, (next ?? Infinity) - 60_000);
    if (end - now.getTime() < HOUR) continue;
    try {
      if (current) {
        // The shift covering now ends soon: the operator keeps the person on (a longer day).
        await admin.request('PATCH', `/v1/admin/shifts/${current.id}`, { plannedEnd: new Date(end).toISOString() });
        say(`operator: extended the shift of ${account.email} until ${new Date(end).toISOString()}`);
      } else {
        await admin.request('POST', '/v1/admin/shifts', {
          staffId: person.id,
          vehicleId: vehicle.id,
          plannedStart: new Date(now.getTime() - 60_000).toISOString(),
          plannedEnd: new Date(end).toISOString(),
        });
        say(
          `operator: planned a shift for ${account.email} with ${account.plate} until ${new Date(end).toISOString()}`,
        );
      }
    } catch (error) {
      say(`operator: could not plan a shift for ${account.email}: ${(error as Error).message}`);
    }
  }
}

/** Tomorrow's day shift (Seoul) for one of the simulator's crew, unless they already work then. */
async function planTomorrow(
  admin: ApiClient,
  say: (line: string) => void,
  account: { email: string; plate: string },
  staffId: string,
  vehicleId: string,
  shifts: readonly AdminShift[],
  now: Date,
): Promise<void> {
  const day = DateTime.fromJSDate(now, { zone: SEOUL }).plus({ days: 1 }).startOf('day');
  const from = day.set({ hour: TOMORROW_SHIFT.start }).toMillis();
  const to = day.set({ hour: TOMORROW_SHIFT.end }).toMillis();
  const planned = shifts.some(
    (s) =>
      s.staffId === staffId &&
      (s.status === 'planned' || s.status === 'active') &&
      Date.parse(s.plannedStart) < to &&
      Date.parse(s.plannedEnd) > from,
  );
  if (planned) return;
  try {
    await admin.request('POST', '/v1/admin/shifts', {
      staffId,
      vehicleId,
      plannedStart: new Date(from).toISOString(),
      plannedEnd: new Date(to).toISOString(),
    });
    say(`operator: planned tomorrow's shift for ${account.email} with ${account.plate}`);
  } catch (error) {
    say(`operator: could not plan tomorrow's shift for ${account.email}: ${(error as Error).message}`);
  }
}
