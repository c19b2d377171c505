import { hashPassword } from '@app/auth';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { ShiftStatus } from '@app/domain';
import {
  CompanyEntity,
  PlaceEntity,
  ServiceAreaEntity,
  ShiftEntity,
  StaffEntity,
  SystemMetaEntity,
  UserAreaEntity,
  UserEntity,
  VehicleEntity,
} from '../entities';
import { seedLuggagePriceRules } from './seed-luggage';
import { DEMO_ACCOUNTS, DEMO_AREAS, DEMO_COMPANIES, DEMO_PLACES, DEMO_VEHICLES } from './demo-catalogue';

export const SEED_MARKER = 'demo_catalogue_seeded_at';

export interface SeedResult {
  seeded: boolean;
  counts: Record<string, number>;
}

/**
 * Loads the demo catalogue. Every insert is keyed on a natural code and skips rows that exist,
 * so running it twice (or after a crash half-way) never duplicates anything; the marker makes
 * a second `npm start` skip the work entirely.
 */
export async function seedDemo(
  dataSource: DataSource,
  options: { timezone: string; now?: Date } = { timezone: 'Asia/Seoul' },
): Promise<SeedResult> {
  const marker = await dataSource.getRepository(SystemMetaEntity).findOneBy({ key: SEED_MARKER });
  if (marker) return { seeded: false, counts: {} };
  const passwordHashes = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    if (!passwordHashes.has(account.password))
      passwordHashes.set(account.password, await hashPassword(account.password));
  }
  return dataSource.transaction(async (em) => {
    // Serialise concurrent seeders (two `npm start`s racing) on one advisory lock.
    await em.query('SELECT pg_advisory_xact_lock(724011)');
    if (await em.getRepository(SystemMetaEntity).findOneBy({ key: SEED_MARKER })) return { seeded: false, counts: {} };
    const counts: Record<string, number> = {};
    const areaIds = await upsertAreas(em, counts);
    const placeIds = await upsertPlaces(em, areaIds, counts);
    const companyIds = await upsertCompanies(em, areaIds, placeIds, counts);
    const vehicleIds = await upsertVehicles(em, areaIds, placeIds, counts);
    await upsertAccounts(
      em,
      { areaIds, companyIds, vehicleIds, passwordHashes, timezone: options.timezone, now: options.now ?? new Date() },
      counts,
    );
    await seedLuggagePriceRules(em, areaIds, counts);
    await em.getRepository(SystemMetaEntity).save({ key: SEED_MARKER, value: new Date().toISOString() });
    return { seeded: true, counts };
  });
}

async function insertMissing<T extends object>(
  em: EntityManager,
  entity: new () => T,
  key: keyof T & string,
  rows: Partial<T>[],
  counts: Record<string, number>,
  label: string,
): Promise<Map<string, string>> {
  const repo = em.getRepository(entity);
  const ids = new Map<string, string>();
  let inserted = 0;
  for (const row of rows) {
    const value = row[key] as unknown as string;
    const existing = (await repo.findOne({ where: { [key]: value } as never })) as (T & { id: string }) | null;
    if (existing) {
      ids.set(value, existing.id);
      continue;
    }
    const saved = (await repo.save(repo.create(row as never))) as T & { id: string };
    ids.set(value, saved.id);
    inserted += 1;
  }
  counts[label] = inserted;
  return ids;
}

const upsertAreas = (em: EntityManager, counts: Record<string, number>) =>
  insertMissing(
    em,
    ServiceAreaEntity,
    'code',
    DEMO_AREAS.map((a) => ({ ...a, timezone: 'Asia/Seoul' })),
    counts,
    'areas',
  );

const upsertPlaces = (em: EntityManager, areaIds: Map<string, string>, counts: Record<string, number>) =>
  insertMissing(
    em,
    PlaceEntity,
    'code',
    DEMO_PLACES.map(({ area, ...p }) => ({ ...p, areaId: areaIds.get(area)! })),
    counts,
    'places',
  );

const upsertCompanies = (
  em: EntityManager,
  areaIds: Map<string, string>,
  placeIds: Map<string, string>,
  counts: Record<string, number>,
) =>
  insertMissing(
    em,
    CompanyEntity,
    'employerCode',
    DEMO_COMPANIES.map(({ place, ...c }) => ({
      ...c,
      areaId: areaIds.get('geomdan')!,
      placeId: placeIds.get(place) ?? null,
    })),
    counts,
    'companies',
  );

const upsertVehicles = (
  em: EntityManager,
  areaIds: Map<string, string>,
  placeIds: Map<string, string>,
  counts: Record<string, number>,
) =>
  insertMissing(
    em,
    VehicleEntity,
    'plate',
    DEMO_VEHICLES.map(({ area, home, ...v }) => ({
      ...v,
      areaId: areaIds.get(area)!,
      homePlaceId: placeIds.get(home) ?? null,
    })),
    counts,
    'vehicles',
  );

async function upsertAccounts(
  em: EntityManager,
  ctx: {
    areaIds: Map<string, string>;
    companyIds: Map<string, string>;
    vehicleIds: Map<string, string>;
    passwordHashes: Map<string, string>;
    timezone: string;
    now: Date;
  },
  counts: Record<string, number>,
): Promise<void> {
  const userIds = await insertMissing(
    em,
    UserEntity,
    'email',
    DEMO_ACCOUNTS.map((a) => ({
      email: a.email,
      displayName: a.displayName,
      role: a.role,
      passwordHash: ctx.passwordHashes.get(a.password)!,
      companyId: a.company ? ctx.companyIds.get(a.company)! : null,
      phone: a.staff?.phone ?? null,
      locale: 'ko',
    })),
    counts,
    'users',
  );
  counts.shifts = 0;
  for (const account of DEMO_ACCOUNTS) {
    const userId = userIds.get(account.email)!;
    for (const area of account.areas) {
      await em
        .createQueryBuilder()
        .insert()
        .into(UserAreaEntity)
        .values({ userId, areaId: ctx.areaIds.get(area)! })
        .orIgnore()
        .execute();
    }
    if (!account.staff) continue;
    let staff = await em.getRepository(StaffEntity).findOneBy({ userId });
    if (!staff) {
      staff = await em
        .getRepository(StaffEntity)
        .save({ userId, kind: account.staff.kind, phone: account.staff.phone, language: 'ko', active: true });
    }
    // Today's demo shift in the area's local hours, stored as UTC instants.
    const day = DateTime.fromJSDate(ctx.now, { zone: ctx.timezone }).startOf('day');
    if (
      await planDemoShift(em, account, {
        staffId: staff.id,
        vehicleId: ctx.vehicleIds.get(account.staff.vehicle)!,
        areaId: ctx.areaIds.get(account.areas[0])!,
        day,
      })
    )
      counts.shifts += 1;
  }
}

/** One demo account's planned shift on `day` (local), unless it has one starting then. True when added. */
async function planDemoShift(
  em: EntityManager,
  account: (typeof DEMO_ACCOUNTS)[number],
  ids: { staffId: string; vehicleId: string; areaId: string; day: DateTime },
): Promise<boolean> {
  const [startHour, endHour] = account.areas.includes('geomdan') ? [7, 20] : [6, 22];
  const plannedStart = ids.day.set({ hour: startHour }).toJSDate();
  const plannedEnd = ids.day.set({ hour: endHour }).toJSDate();
  if (await em.getRepository(ShiftEntity).findOneBy({ staffId: ids.staffId, plannedStart })) return false;
  await em.getRepository(ShiftEntity).save({
    staffId: ids.staffId,
    vehicleId: ids.vehicleId,
    areaId: ids.areaId,
    plannedStart,
    plannedEnd,
    status: ShiftStatus.Planned,
    breaks: [],
  });
  return true;
}

/**
 * Rosters the demo drivers and couriers for today and the next `days - 1` days (local), as an
 * operator plans ahead: the seed runs once, so without this a later `npm start` has no shifts at
 * all, and a Free-Lug booking for tomorrow (all of them after the 10:00 same-day cutoff, the
 * simulator's too) is flagged at risk at once for want of a courier van. Adds only what is
 * missing; an account whose staff row, van or area is gone is skipped. Returns the shifts added.
 */
export async function rosterDemoShifts(
  dataSource: DataSource,
  options: { timezone: string; days: number; now?: Date },
): Promise<number> {
  return dataSource.transaction(async (em) => {
    await em.query('SELECT pg_advisory_xact_lock(724011)');
    const today = DateTime.fromJSDate(options.now ?? new Date(), { zone: options.timezone }).startOf('day');
    let added = 0;
    for (const account of DEMO_ACCOUNTS) {
      if (!account.staff) continue;
      const user = await em.getRepository(UserEntity).findOneBy({ email: account.email });
      const staff = user ? await em.getRepository(StaffEntity).findOneBy({ userId: user.id, active: true }) : null;
      const van = await em.getRepository(VehicleEntity).findOneBy({ plate: account.staff.vehicle });
      const area = await em.getRepository(ServiceAreaEntity).findOneBy({ code: account.areas[0] });
      if (!staff || !van || !area) continue;
      for (let d = 0; d < options.days; d += 1) {
        if (
          await planDemoShift(em, account, {
            staffId: staff.id,
            vehicleId: van.id,
            areaId: area.id,
            day: today.plus({ days: d }),
          })
        )
          added += 1;
      }
    }
    return added;
  });
}
