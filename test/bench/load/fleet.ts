import { DEMO_ACCOUNTS } from '@app/database';
import { Role } from '@app/domain';
import { api, ShuttleFixture } from '../../support/shuttle-fixtures';
import { signIn } from '../../support/stack';

/** Fleet and riders for the load benchmark, created through the real API as an operator would. */

const expectStatus = (what: string, reply: { status: number; body: unknown }, ok: (s: number) => boolean): void => {
  if (!ok(reply.status)) throw new Error(`${what}: HTTP ${reply.status} ${JSON.stringify(reply.body).slice(0, 500)}`);
};

export interface Rider {
  userId: string;
  token: string;
}

/** Starts the seeded drivers' shifts and adds `extra` vans, each with a new driver on shift now. */
export async function putVansOnShift(apiUrl: string, fx: ShuttleFixture, extra: number): Promise<number> {
  const admin = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;
  const adminToken = (await signIn(apiUrl, admin.email, admin.password)).accessToken;
  const depot = fx.stop('gd-depot');
  const now = Date.now();
  const iso = (offsetMin: number) => new Date(now + offsetMin * 60_000).toISOString();
  for (let k = 0; k < extra; k++) {
    const n = String(k + 1).padStart(2, '0');
    const van = await api<{ id: string }>(apiUrl, 'POST', '/v1/admin/vehicles', adminToken, {
      areaId: fx.areaId,
      plate: `인천 70바 95${n}`,
      label: `부하시험 ${n}호`,
      seats: 11,
      bagSlots: 0,
      wheelchairAccessible: false,
      homePlaceId: depot,
    });
    expectStatus('create van', van, (s) => s === 201);
    const email = `load-driver-${n}@bench.example`;
    const invited = await api<{ staff: { id: string }; invite: { token: string } }>(
      apiUrl,
      'POST',
      '/v1/admin/staff',
      adminToken,
      {
        email,
        displayName: `부하 기사 ${n}`,
        kind: 'driver',
        phone: `010-2009-95${n}`,
        language: 'ko',
        areaIds: [fx.areaId],
      },
    );
    expectStatus('invite driver', invited, (s) => s === 201);
    const password = `load-driver-pass-${n}`;
    expectStatus(
      'accept invite',
      await api(apiUrl, 'POST', `/v1/invites/${invited.body.invite.token}/accept`, null, { password }),
      (s) => s === 204,
    );
    const shift = await api(apiUrl, 'POST', '/v1/admin/shifts', adminToken, {
      staffId: invited.body.staff.id,
      vehicleId: van.body.id,
      plannedStart: iso(-5),
      plannedEnd: iso(8 * 60),
    });
    expectStatus('plan shift', shift, (s) => s === 201);
    const driver = await signIn(apiUrl, email, password);
    expectStatus(
      'start shift',
      await api(apiUrl, 'POST', '/v1/driver/shifts/start', driver.accessToken, {}),
      (s) => s < 300,
    );
  }
  for (const seeded of DEMO_ACCOUNTS.filter((a) => a.email.startsWith('driver'))) {
    const driver = await signIn(apiUrl, seeded.email, seeded.password);
    expectStatus(
      'start seeded shift',
      await api(apiUrl, 'POST', '/v1/driver/shifts/start', driver.accessToken, {}),
      (s) => s < 300,
    );
  }
  return extra + DEMO_ACCOUNTS.filter((a) => a.email.startsWith('driver')).length;
}

const EMPLOYER_CODES = ['HANBIT01', 'DAESUNG02', 'SEOHAE03', 'ICHEM04', 'ORYU05', 'GDLOG06'];

/** Park workers signing up with their employer's code (a few at a time, as the api hashes each password). */
export async function signUpRiders(
  apiUrl: string,
  count: number,
  parallel = 4,
  deadline = Date.now() + 180_000,
): Promise<Rider[]> {
  const riders: Rider[] = new Array<Rider>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        if (Date.now() > deadline) throw new Error(`rider sign-up took too long (${next}/${count})`);
        const k = next++;
        const reply = await api<{ accessToken: string; user: { id: string } }>(
          apiUrl,
          'POST',
          '/v1/riders/sign-up',
          null,
          {
            employerCode: EMPLOYER_CODES[k % EMPLOYER_CODES.length],
            email: `load-rider-${k}@bench.example`,
            password: 'load-rider-password',
            displayName: `부하 승객 ${k}`,
          },
        );
        expectStatus('rider sign-up', reply, (s) => s === 201);
        riders[k] = { userId: reply.body.user.id, token: reply.body.accessToken };
      }
    }),
  );
  return riders;
}
