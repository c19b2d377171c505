import { hashSync } from 'bcryptjs';
import { decoyHash, hashPassword, verifyPassword } from './passwords';

describe('password hashes', () => {
  it('verifies the password it hashed, and refuses another', async () => {
    const stored = await hashPassword('검단-무빙콜-2026');
    expect(stored).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(await verifyPassword('검단-무빙콜-2026', stored)).toEqual({ ok: true, outdated: false });
    expect((await verifyPassword('검단-무빙콜-2027', stored)).ok).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('still accepts a bcrypt hash written before, and marks it for replacement', async () => {
    const legacy = hashSync('old-password', 4);
    expect(await verifyPassword('old-password', legacy)).toEqual({ ok: true, outdated: true });
    expect((await verifyPassword('wrong', legacy)).ok).toBe(false);
  });

  it('refuses a malformed or foreign hash instead of throwing', async () => {
    expect((await verifyPassword('x', 'md5$abc')).ok).toBe(false);
    expect((await verifyPassword('x', '')).ok).toBe(false);
  });

  it('keeps one decoy hash for unknown accounts', async () => {
    expect(await decoyHash()).toBe(await decoyHash());
    expect((await verifyPassword('anything', await decoyHash())).ok).toBe(false);
  });
});
