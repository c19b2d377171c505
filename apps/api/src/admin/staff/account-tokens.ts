import { createHash, randomBytes } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { AccountTokenEntity, AccountTokenPurpose } from '@app/database';

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export const TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  [AccountTokenPurpose.Invite]: 7 * 24 * 3600_000,
  [AccountTokenPurpose.Reset]: 24 * 3600_000,
};

/** Issues a fresh link and revokes any unused earlier one: only the newest link works. */
export async function issueAccountToken(
  em: EntityManager,
  input: { userId: string; purpose: AccountTokenPurpose; createdBy: string },
): Promise<{ token: string; expiresAt: Date }> {
  const repo = em.getRepository(AccountTokenEntity);
  await repo.update({ userId: input.userId, usedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + TOKEN_TTL_MS[input.purpose]);
  await repo.insert({
    userId: input.userId,
    purpose: input.purpose,
    tokenHash: sha256(token),
    expiresAt,
    createdBy: input.createdBy,
  });
  return { token, expiresAt };
}
