import { DEMO_ACCOUNTS } from '@app/database';
import { StaffKind } from '@app/domain';
import { ApiClient, ApiError } from './client';

/** A simulated driver or courier: an account and a van of its own, never a printed demo login. */
export interface SimStaff {
  readonly email: string;
  readonly password: string;
  readonly kind: StaffKind;
  readonly plate: string;
}

interface AdminArea {
  id: string;
  code: string;
  name: { ko: string; en: string };
  kind: string;
  timezone: string;
  boundary: unknown;
  serviceHours: unknown[];
  holidays: unknown[];
  settings: Record<string, unknown>;
}
interface AdminPlace {
  id: string;
  code: string;
  areaId: string;
  name: { ko: string; en: string };
  kind: string;
  lat: number;
  lng: number;
  isStop: boolean;
  addressKo?: string | null;
  retiredAt?: string | null;
}
interface PriceRulesView {
  rules: { baseKrw: number; perBagKrw: Record<string, number>; zones: unknown[]; cancellationFeeKrw: number };
}
interface AdminStaff {
  id: string;
  email: string | null;
  active: boolean;
}
interface AdminVehicle {
  id: string;
  areaId: string;
  plate: string;
  label: string;
  seats: number;
  bagSlots: number;
  wheelchairAccessible: boolean;
  homePlaceId: string | null;
}
interface AccountLink {
  token: string;
}

export const SIM_STAFF_PASSWORD = 'sim-staff-demo-1234';
/** The simulator's own Free-Lug area, and the prefix of its places' codes (sim-icn-t1 for icn-t1). */
export const SIM_LUGGAGE_AREA = 'freelug-sim';
export const SIM_PLACE_PREFIX = 'sim-';
/** Area settings the admin API takes (the rest keep their defaults, which the demo area uses too). */
const COPIED_SETTINGS = ['bookingHorizonDays', 'maxWaitMin', 'rideTimeAlpha', 'rideTimeBetaMin', 'dwellS', 'noShowAfterMin', 'sameDayCutoff', 'bookingLeadMin'];

/** The simulator's Free-Lug area: its id, and the id of its copy of each demo place (by the demo place's id). */
export interface SimLuggageArea {
  readonly id: string;
  readonly copyOf: ReadonlyMap<string, string>;
}

/**
 * The simulator's own Free-Lug area, as an operator would set it up through the admin API: a copy
 * of the demo area (boundary, hours, rules, prices, and its hotels, terminals and depot as sim-*
 * places), marked as a simulation area. The planner plans per area, so simulated bookings go to
 * the simulated couriers only, never into a demo courier's planned shift; and the public pages and
 * look-ups by position leave it out, so no person's booking lands in it. Runs again without
 * creating anything twice. Null when there is no demo Free-Lug area.
 */
export async function prepareSimLuggageArea(admin: ApiClient, say: (line: string) => void): Promise<SimLuggageArea | null> {
  const areas = await admin.request<AdminArea[]>('GET', '/v1/admin/areas');
  const demo = areas.find((a) => a.code === 'freelug');
  if (!demo) return null;
  let area = areas.find((a) => a.code === SIM_LUGGAGE_AREA);
  if (!area) {
    area = await admin.request<AdminArea>('POST', '/v1/admin/areas', {
      code: SIM_LUGGAGE_AREA,
      name: { ko: `${demo.name.ko} (시뮬레이션)`.slice(0, 100), en: `${demo.name.en} (simulation)`.slice(0, 100) },
      kind: demo.kind,
      boundary: demo.boundary,
      timezone: demo.timezone,
      serviceHours: demo.serviceHours,
      holidays: demo.holidays,
      settings: { ...Object.fromEntries(Object.entries(demo.settings).filter(([k]) => COPIED_SETTINGS.includes(k))), simulation: true },
    });
    say(`simulator: added its own Free-Lug area ${SIM_LUGGAGE_AREA}`);
  }
  const demoPlaces = await admin.request<AdminPlace[]>('GET', `/v1/admin/places?areaId=${demo.id}`);
  let own = await admin.request<AdminPlace[]>('GET', `/v1/admin/places?areaId=${area.id}`);
  for (const p of demoPlaces.filter((x) => !x.retiredAt && x.kind !== 'home')) {
    const code = `${SIM_PLACE_PREFIX}${p.code}`.slice(0, 60);
    if (own.some((x) => x.code === code)) continue;
    own = [
      ...own,
      await admin.request<AdminPlace>('POST', '/v1/admin/places', {
        areaId: area.id, code, name: p.name, kind: p.kind, lat: p.lat, lng: p.lng, isStop: p.isStop, ...(p.addressKo ? { addressKo: p.addressKo } : {}),
      }),
    ];
  }
  const prices = await admin.request<PriceRulesView>('GET', `/v1/luggage/price-rules?areaId=${area.id}`).catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  });
  if (!prices) {
    const demoPrices = await admin.request<PriceRulesView>('GET', `/v1/luggage/price-rules?areaId=${demo.id}`);
    await admin.request('POST', '/v1/luggage/price-rules', { areaId: area.id, ...demoPrices.rules });
  }
  // So that a van's depot finds its sim-* copy.
  const copyOf = new Map<string, string>();
  for (const p of demoPlaces) {
    const copy = own.find((x) => x.code === `${SIM_PLACE_PREFIX}${p.code}`.slice(0, 60));
    if (copy) copyOf.set(p.id, copy.id);
  }
  return { id: area.id, copyOf };
}

/** sim-driver1@sim.geomdan.kr for driver1@demo.geomdan.kr; plate 인천 70바 9201 for 인천 70바 1201; phone 010-9001-1201 for 010-2001-1201. */
export function simCounterpart(email: string, plate: string): { email: string; plate: string; phone: (p: string) => string } {
  return {
    email: `sim-${email.split('@')[0]}@sim.geomdan.kr`,
    plate: plate.replace(/(\d)(\d{3})$/, '9$2'),
    phone: (p) => p.replace(/^(\d{3})-\d(\d{3})-/, '$1-9$2-'),
  };
}

/**
 * What an operator would do before letting the simulator drive: one simulated driver or courier
 * per demo one, each with a van like the demo van (same area, seats, bags, depot), created through
 * the admin API (invite, then set the password with the invite link). A person signing in with
 * the printed logins then sees only their own doing. Runs again without creating anything twice.
 */
export async function prepareSimStaff(admin: ApiClient, apiUrl: string, say: (line: string) => void, luggage: SimLuggageArea | null): Promise<SimStaff[]> {
  const withCouriers = luggage !== null;
  const areas = await admin.request<AdminArea[]>('GET', '/v1/admin/areas');
  let staff = await admin.request<AdminStaff[]>('GET', '/v1/admin/staff?includeInactive=true');
  let vehicles = await admin.request<AdminVehicle[]>('GET', '/v1/admin/vehicles');
  const out: SimStaff[] = [];
  const demo = DEMO_ACCOUNTS.filter((a) => a.staff && (a.staff.kind === StaffKind.Driver || withCouriers));
  for (const account of demo) {
    const sim = simCounterpart(account.email, account.staff!.vehicle);
    const demoVan = vehicles.find((v) => v.plate === account.staff!.vehicle);
    // Couriers work in the simulator's own Free-Lug area (see prepareSimLuggageArea).
    const courier = account.staff!.kind === StaffKind.Courier;
    const areaIds = courier ? [luggage!.id] : account.areas.map((code) => areas.find((a) => a.code === code)?.id).filter((id): id is string => !!id);
    if (!demoVan || areaIds.length === 0) {
      say(`simulator: the demo van ${account.staff!.vehicle} or the areas of ${account.email} are missing; no simulated counterpart`);
      continue;
    }
    const vanArea = courier ? luggage!.id : demoVan.areaId;
    const home = demoVan.homePlaceId ? (courier ? luggage!.copyOf.get(demoVan.homePlaceId) : demoVan.homePlaceId) : undefined;
    const simVan = vehicles.find((v) => v.plate === sim.plate);
    if (simVan && simVan.areaId !== vanArea) {
      // Made by an earlier simulator in the demo area: its work would mix with the demo couriers'.
      say(`simulator: the simulated van ${sim.plate} is in another area (an older run's); ${sim.email} is left out`);
      continue;
    }
    if (!simVan) {
      await admin.request('POST', '/v1/admin/vehicles', {
        areaId: vanArea,
        plate: sim.plate,
        label: `시뮬 ${demoVan.label}`.slice(0, 60),
        seats: demoVan.seats,
        bagSlots: demoVan.bagSlots,
        wheelchairAccessible: demoVan.wheelchairAccessible,
        ...(home ? { homePlaceId: home } : {}),
      });
      vehicles = await admin.request<AdminVehicle[]>('GET', '/v1/admin/vehicles');
      say(`simulator: added the simulated van ${sim.plate}`);
    }
    const client = new ApiClient(apiUrl, { email: sim.email, password: SIM_STAFF_PASSWORD });
    let person = staff.find((s) => s.email === sim.email);
    let link: AccountLink | null = null;
    if (!person) {
      const invited = await admin.request<{ staff: AdminStaff; invite: AccountLink }>('POST', '/v1/admin/staff', {
        email: sim.email,
        displayName: `시뮬 ${account.displayName}`.slice(0, 100),
        kind: account.staff!.kind,
        phone: sim.phone(account.staff!.phone),
        language: 'ko',
        areaIds,
      });
      person = invited.staff;
      link = invited.invite;
      staff = [...staff, person];
      say(`simulator: invited the simulated ${account.staff!.kind} ${sim.email}`);
    } else {
      if (!person.active) await admin.request('POST', `/v1/admin/staff/${person.id}/reactivate`);
      // Signed up by an earlier run; a run that stopped before setting the password gets a reset link.
      const signedIn = await client.signIn().then(
        () => true,
        (e: unknown) => {
          if (e instanceof ApiError && e.status < 500) return false;
          throw e;
        },
      );
      if (!signedIn) link = await admin.request<AccountLink>('POST', `/v1/admin/staff/${person.id}/reset-credentials`);
    }
    if (link) await new ApiClient(apiUrl, null).request('POST', `/v1/invites/${encodeURIComponent(link.token)}/accept`, { password: SIM_STAFF_PASSWORD });
    out.push({ email: sim.email, password: SIM_STAFF_PASSWORD, kind: account.staff!.kind, plate: sim.plate });
  }
  return out;
}
