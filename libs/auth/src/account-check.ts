import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal, unauthenticated } from '@app/domain';

/** How stale an account's state may be when a token is checked against it. */
export const ACCOUNT_CHECK_MAX_AGE_MS = 2000;

interface AccountState {
  active: boolean;
  role: string;
  areaIds: string[];
}

/**
 * An access token is signed for 15 minutes, but the account behind it can change sooner: a
 * token is honoured only while its account is active and still has the role and areas the token
 * claims. The account is read at most every ACCOUNT_CHECK_MAX_AGE_MS per process, so a
 * deactivation, a role or an area change bites within seconds on every api and gateway.
 */
@Injectable()
export class AccountCheck {
  private readonly cache = new Map<string, { at: number; state: Promise<AccountState | null> }>();

  constructor(private readonly dataSource: DataSource) {}

  async isCurrent(principal: Principal): Promise<boolean> {
    const state = await this.state(principal.userId);
    return (
      !!state &&
      state.active &&
      state.role === principal.role &&
      state.areaIds.length === principal.areaIds.length &&
      [...principal.areaIds].sort().every((id, i) => id === state.areaIds[i])
    );
  }

  async assertCurrent(principal: Principal): Promise<void> {
    if (!(await this.isCurrent(principal))) {
      throw unauthenticated('AUTH_TOKEN_REVOKED', 'The account changed since this token was issued; sign in or refresh.');
    }
  }

  private state(userId: string): Promise<AccountState | null> {
    const now = Date.now();
    const hit = this.cache.get(userId);
    if (hit && now - hit.at < ACCOUNT_CHECK_MAX_AGE_MS) return hit.state;
    if (this.cache.size > 10_000) this.cache.clear();
    const state = this.load(userId);
    this.cache.set(userId, { at: now, state });
    // A failed read is not remembered: the next request asks the database again.
    state.catch(() => this.cache.delete(userId));
    return state;
  }

  private async load(userId: string): Promise<AccountState | null> {
    const rows = await this.dataSource.query<Array<{ role: string; deactivated_at: Date | null; area_ids: string[] }>>(
      `SELECT u.role, u.deactivated_at,
              COALESCE(array_agg(ua.area_id::text) FILTER (WHERE ua.area_id IS NOT NULL), '{}') AS area_ids
         FROM users u LEFT JOIN user_areas ua ON ua.user_id = u.id
        WHERE u.id = $1 GROUP BY u.id`,
      [userId],
    );
    const row = rows[0];
    return row ? { active: row.deactivated_at === null, role: row.role, areaIds: [...row.area_ids].sort() } : null;
  }
}
