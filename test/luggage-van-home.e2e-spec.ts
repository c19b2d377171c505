import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS, PlaceEntity, ServiceAreaEntity, VehicleEntity } from '@app/database';
import { Role } from '@app/domain';
import { api } from './support/shuttle-fixtures';
import { RunningStack, signIn, startStack } from './support/stack';
import { createTestContext, TestContext } from './support/test-context';

const admin = DEMO_ACCOUNTS.find((a) => a.role === Role.Admin)!;

/** The luggage planner starts and ends a van's day at its home depot: a luggage van without one would be skipped silently. */
describe('admin: a luggage van needs a home depot', () => {
  let ctx: TestContext;
  let stack: RunningStack;
  let token: string;
  let areaId: string;
  let depotId: string;

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    stack = await startStack(ctx);
    token = (await signIn(stack.apiUrl, admin.email, admin.password)).accessToken;
    const ds = stack.apps.api.get(DataSource);
    areaId = (await ds.getRepository(ServiceAreaEntity).findOneByOrFail({ code: 'freelug' })).id;
    depotId = (await ds.getRepository(PlaceEntity).findOneByOrFail({ areaId, code: 'icn-t1' })).id;
  });

  afterAll(async () => {
    await stack?.close();
    await ctx?.dispose();
  });

  const van = (plate: string, extra: Record<string, unknown> = {}) => ({
    areaId,
    plate,
    label: '프리러그 9호',
    seats: 0,
    bagSlots: 20,
    wheelchairAccessible: false,
    ...extra,
  });
  const vansWith = async (plate: string) =>
    stack.apps.api.get(DataSource).getRepository(VehicleEntity).countBy({ plate });

  it('refuses a luggage van without a home depot with a code, writing nothing', async () => {
    const res = await api<{ code: string; details?: Record<string, unknown> }>(
      stack.apiUrl,
      'POST',
      '/v1/admin/vehicles',
      token,
      van('인천 80아 9901'),
    );
    expect([res.status, res.body.code]).toEqual([422, 'VEHICLE_HOME_REQUIRED']);
    expect(await vansWith('인천 80아 9901')).toBe(0);
  });

  it('creates it with one, and refuses taking the depot away later', async () => {
    const created = await api<{ id: string; homePlaceId: string }>(
      stack.apiUrl,
      'POST',
      '/v1/admin/vehicles',
      token,
      van('인천 80아 9902', { homePlaceId: depotId }),
    );
    expect(created.status).toBe(201);
    expect(created.body.homePlaceId).toBe(depotId);
    const cleared = await api<{ code: string }>(stack.apiUrl, 'PATCH', `/v1/admin/vehicles/${created.body.id}`, token, {
      homePlaceId: null,
    });
    expect([cleared.status, cleared.body.code]).toEqual([422, 'VEHICLE_HOME_REQUIRED']);
    const view = await api<{ homePlaceId: string }>(
      stack.apiUrl,
      'GET',
      `/v1/admin/vehicles/${created.body.id}`,
      token,
    );
    expect(view.body.homePlaceId).toBe(depotId);
  });
});
