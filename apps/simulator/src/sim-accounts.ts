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
interface AdminCompany {
  id: string;
  employerCode: string;
}
interface AccountLink {
  token: string;
}

export const SIM_STAFF_PASSWORD = 'sim-staff-demo-1234';
/** The simulator's own areas (copies of the demo ones), and the prefix of their places' codes (sim-icn-t1 for icn-t1). */
export const SIM_SHUTTLE_AREA = 'geomdan-sim';
export const SIM_LUGGAGE_AREA = 'freelug-sim';
export const SIM_PLACE_PREFIX = 'sim-';
/** The employer code its riders sign up with: the company is in its shuttle area, so they book only there. */
export const SIM_EMPLOYER_CODE = 'SIMGEOMDAN';
/** Area settings the admin API takes (the rest keep their defaults, which the demo area uses too). */
const COPIED_SETTINGS = [
  'bookingHorizonDays',
  'maxWaitMin',
  'rideTimeAlpha',
  'rideTimeBetaMin',
  'dwellS',
  'noShowAfterMin',
  'sameDayCutoff',
  'bookingLeadMin',
];

/** One of the simulator's own areas: its id, the demo area it copies, and its copy of each demo place (by the demo place's id). */
export interface SimArea {
  readonly id: string;
  readonly demoId: string;
  readonly copyOf: ReadonlyMap<string, string>;
}

/**
 * One of the simulator's own areas, as an operator would set it up through the admin API: a copy
 * of the demo area `demoCode` (boundary, hours, holidays, rules, and its stops, hotels, terminals
 * and depot as sim-* places), marked as a simulation area. The dispatcher and the luggage planner
 * plan per area, so simulated work goes to the simulator's own drivers and couriers only, never to
 * a person's shift; and the public pages and look-ups by position leave it out, so no person's
 * booking lands in it. Runs again without creating anything twice. Null when there is no such demo area.
 */
async function prepareSimArea(
  admin: ApiClient,
  demoCode: string,
  code: string,
  say: (line: string) => void,
): Promise<SimArea | null> {
  const areas = await admin.request<AdminArea[]>('GET', '/v1/admin/areas');
  const demo = areas.find((a) => a.code === demoCode);
  if (!demo) return null;
  let area = areas.find((a) => a.code === code);
  if (!area) {
    area = await admin.request<AdminArea>('POST', '/v1/admin/areas', {
      code,
      name: { ko: `${demo.name.ko} (시뮬레이션)`.slice(0, 100), en: `${demo.name.en} (simulation)`.slice(0, 100) },
      kind: demo.kind,
      boundary: demo.boundary,
      timezone: demo.timezone,
      serviceHours: demo.serviceHours,
      holidays: demo.holidays,
      settings: {
        ...Object.fromEntries(Object.entries(demo.settings).filter(([k]) => COPIED_SETTINGS.includes(k))),
        simulation: true,
      },
    });
    say(`simulator: added its own area ${code} (a copy of ${demoCode})`);
  }
  const demoPlaces = await admin.request<AdminPlace[]>('GET', `/v1/admin/places?areaId=${demo.id}`);
  let own = await admin.request<AdminPlace[]>('GET', `/v1/admin/places?areaId=${area.id}`);
  for (const p of demoPlaces.filter((x) => !x.retiredAt && x.kind !== 'home')) {
    const placeCode = `${SIM_PLACE_PREFIX}${p.code}`.slice(0, 60);
    if (own.some((x) => x.code === placeCode)) continue;
    own = [
      ...own,
      await admin.request<AdminPlace>('POST', '/v1/admin/places', {
        areaId: area.id,
        code: placeCode,
        name: p.name,
        kind: p.kind,
        lat: p.lat,
        lng: p.lng,
        isStop: p.isStop,
        ...(p.addressKo ? { addressKo: p.addressKo } : {}),
      }),
    ];
  }
  // So that a van's depot finds its sim-* copy.
  const copyOf = new Map<string, string>();
  for (const p of demoPlaces) {
    const copy = own.find((x) => x.code === `${SIM_PLACE_PREFIX}${p.code}`.slice(0, 60));
    if (copy) copyOf.set(p.id, copy.id);
  }
  return { id: area.id, demoId: demo.id, copyOf };
}

/** The simulator's own Free-Lug area (see prepareSimArea), with the demo area's prices. */
export async function prepareSimLuggageArea(admin: ApiClient, say: (line: string) => void): Promise<SimArea | null> {
  const area = await prepareSimArea(admin, 'freelug', SIM_LUGGAGE_AREA, say);
  if (!area) return null;
  const prices = await admin
    .request<PriceRulesView>('GET', `/v1/luggage/price-rules?areaId=${area.id}`)
    .catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    });
  if (!prices) {
    const demoPrices = await admin.request<PriceRulesView>('GET', `/v1/luggage/price-rules?areaId=${area.demoId}`);
    await admin.request('POST', '/v1/luggage/price-rules', { areaId: area.id, ...demoPrices.rules });
  }
  return area;
}

/**
 * The simulator's own shuttle area (see prepareSimArea), with a park company of its own there:
 * riders belong to their company's area, so its riders, signed up with SIM_EMPLOYER_CODE, can
 * book only there and are carried only by its drivers.
 */
export async function prepareSimShuttleArea(admin: ApiClient, say: (line: string) => void): Promise<SimArea | null> {
  const area = await prepareSimArea(admin, 'geomdan', SIM_SHUTTLE_AREA, say);
  if (!area) return null;
  const companies = await admin.request<AdminCompany[]>('GET', `/v1/admin/companies?areaId=${area.id}`);
  if (!companies.some((c) => c.employerCode === SIM_EMPLOYER_CODE)) {
    await admin.request('POST', '/v1/admin/companies', {
      areaId: area.id,
      name: { ko: '시뮬레이션 입주사', en: 'Simulated park company' },
      employerCode: SIM_EMPLOYER_CODE,
    });
    say(`simulator: added its own park company ${SIM_EMPLOYER_CODE} in ${SIM_SHUTTLE_AREA}`);
  }
  return area;
}

/** sim-driver1@sim.geomdan.kr for driver1@demo.geomdan.kr; plate 인천 70바 9201 for 인천 70바 1201; phone 010-9001-1201 for 010-2001-1201. */
export function simCounterpart(
  email: string,
  plate: string,
): { email: string; plate: string; phone: (p: string) => string } {
  return {
    email: `sim-${email.split('@')[0]}@sim.geomdan.kr`,
    plate: plate.replace(/(\d)(\d{3})$/, '9$2'),
    phone: (p) => p.replace(/^(\d{3})-\d(\d{3})-/, '$1-9$2-'),
  };
}

/**
 * What an operator would do before letting the simulator drive: one simulated driver or courier
 * per demo one, each with a van like the demo van (seats, bags, depot) in the simulator's copy of
 * its area (`simAreas`, see prepareSimArea), created through the admin API (invite, then set the
 * password with the invite link). A person signing in with the printed logins then sees only
 * their own doing. Runs again without creating anything twice.
 */
export async function prepareSimStaff(
  admin: ApiClient,
  apiUrl: string,
  say: (line: string) => void,
  simAreas: readonly SimArea[],
): Promise<SimStaff[]> {
  let staff = await admin.request<AdminStaff[]>('GET', '/v1/admin/staff?includeInactive=true');
  let vehicles = await admin.request<AdminVehicle[]>('GET', '/v1/admin/vehicles');
  const out: SimStaff[] = [];
  for (const account of DEMO_ACCOUNTS.filter((a) => a.staff)) {
    const sim = simCounterpart(account.email, account.staff!.vehicle);
    const demoVan = vehicles.find((v) => v.plate === account.staff!.vehicle);
    // Its counterpart works in the simulator's copy of the demo van's area (none: e.g. luggage off).
    const own = demoVan && simAreas.find((a) => a.demoId === demoVan.areaId);
    if (!demoVan || !own) {
      if (!demoVan)
        say(
          `simulator: the demo van ${account.staff!.vehicle} is missing; no simulated counterpart of ${account.email}`,
        );
      continue;
    }
    const home = demoVan.homePlaceId ? own.copyOf.get(demoVan.homePlaceId) : undefined;
    const simVan = vehicles.find((v) => v.plate === sim.plate);
    if (simVan && simVan.areaId !== own.id) {
      // Made by an earlier simulator in the demo area (a van's area cannot change): its work would mix with the demo staff's.
      say(
        `simulator: the simulated van ${sim.plate} is in another area (an older run's); ${sim.email} is left out (a fresh DATA_DIR gives it one in ${SIM_SHUTTLE_AREA} / ${SIM_LUGGAGE_AREA})`,
      );
      continue;
    }
    if (!simVan) {
      await admin.request('POST', '/v1/admin/vehicles', {
        areaId: own.id,
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
        areaIds: [own.id],
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
    if (link)
      await new ApiClient(apiUrl, null).request('POST', `/v1/invites/${encodeURIComponent(link.token)}/accept`, {
        password: SIM_STAFF_PASSWORD,
      });
    out.push({ email: sim.email, password: SIM_STAFF_PASSWORD, kind: account.staff!.kind, plate: sim.plate });
  }
  return out;
}
