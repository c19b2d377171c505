import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErrorCodes, Principal, unauthenticated } from '@app/domain';

/** How stale an account's state may be when a token is checked against it. */
export const ACCOUNT_CHECK_MAX_AGE_MS = 5000;
/**
 * Before a token is refused, the account is read again unless the cached read is younger than
 * the token: a cached read can predate the change a new token was issued after (signed in again
 * after an area or role change). `iat` has whole seconds, so a read in the token's own second is
 * read again too; an old token replayed in a loop is refused from the cache. A principal with no
 * issue time (none from a token) falls back to a read at most this old.
 */
const RECHECK_BEFORE_REFUSAL_MS = 250;

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
    if (matches(principal, await this.state(principal.userId))) return true;
    const maxAgeMs =
      principal.issuedAtS === undefined ? RECHECK_BEFORE_REFUSAL_MS : Date.now() - (principal.issuedAtS + 1) * 1000;
    return matches(principal, await this.state(principal.userId, maxAgeMs));
  }

  /** The same check for many principals with one query (the gateway's sweep of its open sockets). */
  async currentOf(principals: Principal[]): Promise<boolean[]> {
    const now = Date.now();
    const stale = [...new Set(principals.map((p) => p.userId))].filter((id) => !this.fresh(id, now));
    if (stale.length) {
      const loaded = this.loadMany(stale);
      for (const id of stale) {
        const state = loaded.then((states) => states.get(id) ?? null);
        state.catch(() => this.cache.delete(id));
        this.cache.set(id, { at: now, state });
      }
    }
    return Promise.all(principals.map((p) => this.isCurrent(p)));
  }

  async assertCurrent(principal: Principal): Promise<void> {
    if (!(await this.isCurrent(principal))) {
      throw unauthenticated(
        ErrorCodes.AUTH_TOKEN_REVOKED,
        'The account changed since this token was issued; sign in or refresh.',
      );
    }
  }

  private fresh(userId: string, now: number, maxAgeMs = ACCOUNT_CHECK_MAX_AGE_MS): boolean {
    const hit = this.cache.get(userId);
    return !!hit && now - hit.at < maxAgeMs;
  }

  private state(userId: string, maxAgeMs = ACCOUNT_CHECK_MAX_AGE_MS): Promise<AccountState | null> {
    const now = Date.now();
    const hit = this.cache.get(userId);
    if (hit && this.fresh(userId, now, maxAgeMs)) return hit.state;
    if (this.cache.size > 50_000) this.cache.clear();
    const state = this.loadMany([userId]).then((states) => states.get(userId) ?? null);
    this.cache.set(userId, { at: now, state });
    // A failed read is not remembered: the next request asks the database again.
    state.catch(() => this.cache.delete(userId));
    return state;
  }

  private async loadMany(userIds: string[]): Promise<Map<string, AccountState>> {
    const rows = await this.dataSource.query<
      Array<{ id: string; role: string; deactivated_at: Date | null; area_ids: string[] }>
    >(
      `SELECT u.id, u.role, u.deactivated_at,
              COALESCE(array_agg(ua.area_id::text) FILTER (WHERE ua.area_id IS NOT NULL), '{}') AS area_ids
         FROM users u LEFT JOIN user_areas ua ON ua.user_id = u.id
        WHERE u.id = ANY($1::uuid[]) GROUP BY u.id`,
      [userIds],
    );
    return new Map(
      rows.map((r) => [r.id, { active: r.deactivated_at === null, role: r.role, areaIds: [...r.area_ids].sort() }]),
    );
  }
}

function matches(principal: Principal, state: AccountState | null): boolean {
  return (
    !!state &&
    state.active &&
    state.role === principal.role &&
    state.areaIds.length === principal.areaIds.length &&
    [...principal.areaIds].sort().every((id, i) => id === state.areaIds[i])
  );
}
