import { DataSource } from 'typeorm';
import { Role } from '@app/domain';
import { AccountCheck } from './account-check';

/** The account as the database has it now; each read is counted. */
function accounts(areaIds: string[]) {
  const db = { areaIds, reads: 0 };
  const dataSource = {
    query: async () => {
      db.reads += 1;
      return [{ id: 'u1', role: Role.Dispatcher, deactivated_at: null, area_ids: [...db.areaIds] }];
    },
  } as unknown as DataSource;
  return { db, check: new AccountCheck(dataSource) };
}

describe('AccountCheck', () => {
  it('honours a token signed after the change at once, though the account was read just before it', async () => {
    const { db, check } = accounts(['a1']);
    const before = {
      userId: 'u1',
      role: Role.Dispatcher,
      areaIds: ['a1'],
      issuedAtS: Math.floor(Date.now() / 1000) - 60,
    };
    expect(await check.isCurrent(before)).toBe(true);
    db.areaIds = ['a1', 'a2'];
    // Signed in again within milliseconds of the cached read: the cache predates the new token.
    const after = {
      userId: 'u1',
      role: Role.Dispatcher,
      areaIds: ['a1', 'a2'],
      issuedAtS: Math.floor(Date.now() / 1000),
    };
    expect(await check.isCurrent(after)).toBe(true);
    expect(await check.isCurrent(before)).toBe(false);
  });

  it('refuses an old token replayed in a loop from the cache, without reading the account each time', async () => {
    const { db, check } = accounts(['a2']);
    const old = { userId: 'u1', role: Role.Dispatcher, areaIds: ['a1'], issuedAtS: Math.floor(Date.now() / 1000) - 60 };
    for (let i = 0; i < 20; i++) expect(await check.isCurrent(old)).toBe(false);
    expect(db.reads).toBe(1);
  });
});
