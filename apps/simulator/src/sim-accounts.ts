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
export async function prepareSimStaff(admin: ApiClient, apiUrl: string, say: (line: string) => void, withCouriers: boolean): Promise<SimStaff[]> {
  const areas = await admin.request<AdminArea[]>('GET', '/v1/admin/areas');
  let staff = await admin.request<AdminStaff[]>('GET', '/v1/admin/staff?includeInactive=true');
  let vehicles = await admin.request<AdminVehicle[]>('GET', '/v1/admin/vehicles');
  const out: SimStaff[] = [];
  const demo = DEMO_ACCOUNTS.filter((a) => a.staff && (a.staff.kind === StaffKind.Driver || withCouriers));
  for (const account of demo) {
    const sim = simCounterpart(account.email, account.staff!.vehicle);
    const demoVan = vehicles.find((v) => v.plate === account.staff!.vehicle);
    const areaIds = account.areas.map((code) => areas.find((a) => a.code === code)?.id).filter((id): id is string => !!id);
    if (!demoVan || areaIds.length === 0) {
      say(`simulator: the demo van ${account.staff!.vehicle} or the areas of ${account.email} are missing; no simulated counterpart`);
      continue;
    }
    if (!vehicles.some((v) => v.plate === sim.plate)) {
      await admin.request('POST', '/v1/admin/vehicles', {
        areaId: demoVan.areaId,
        plate: sim.plate,
        label: `시뮬 ${demoVan.label}`.slice(0, 60),
        seats: demoVan.seats,
        bagSlots: demoVan.bagSlots,
        wheelchairAccessible: demoVan.wheelchairAccessible,
        ...(demoVan.homePlaceId ? { homePlaceId: demoVan.homePlaceId } : {}),
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
