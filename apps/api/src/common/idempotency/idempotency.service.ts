import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { IdempotencyKeyEntity } from '@app/database';
import { conflict, ErrorCodes, invalid } from '@app/domain';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** OpenAPI text of the header on the staff's field actions (sent again by the phone's outbox). */
export const FIELD_ACTION_KEY_DOC = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'The phone sends each queued action with its own key. Sent again with the same key and body (the answer was lost), the first answer is returned and nothing is applied twice; the same key with another body is refused (409 IDEMPOTENCY_KEY_REUSED).',
};
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** Stable JSON (object keys sorted) so the same body always gives the same fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What a request is, for comparing a retry with the original: operation + body. */
export function requestFingerprint(operation: string, body: unknown): string {
  return createHash('sha256').update(operation).update('\n').update(canonical(body)).digest('hex');
}

export interface IdempotentResult<T> {
  status: number;
  body: T;
  /** True when the stored response of an earlier request was returned. */
  replayed: boolean;
}

/**
 * Makes a write safe to retry. `run` executes `work` inside one transaction and stores its
 * response under (scope, key) in that same transaction: the same key with the same request
 * returns the stored response and never does the work twice; the same key with another
 * request is refused with IDEMPOTENCY_KEY_REUSED. Without a key, the work just runs.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * `keep` says whether an answer is one to replay: false commits the work but leaves the key
   * unused (a wrong PIN counts, yet the retry of a wrong PIN is a new attempt, not a replay).
   */
  async run<T>(
    request: {
      scope: string;
      key: string | undefined;
      fingerprint: string;
      status: number;
      keep?: (body: T) => boolean;
    },
    work: (em: EntityManager) => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    const { scope, key, fingerprint, status } = request;
    if (key === undefined) {
      const body = await this.dataSource.transaction(work);
      return { status, body, replayed: false };
    }
    assertKey(key);
    return this.dataSource.transaction(async (em) => {
      // Two concurrent requests with one key: the second waits here, then finds the first's row.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`idem:${scope}:${key}`]);
      const stored = await this.stored<T>(em, scope, key, fingerprint);
      if (stored) return stored;
      const body = await work(em);
      if (request.keep?.(body) ?? true)
        await em
          .getRepository(IdempotencyKeyEntity)
          .insert({ scope, key, fingerprint, responseStatus: status, responseBody: body as never });
      return { status, body, replayed: false };
    });
  }

  /**
   * The stored answer of an earlier request with this key, or null: for work that stores
   * something outside the database first (photos), so a retry does not store it again.
   */
  async replay<T>(request: {
    scope: string;
    key: string | undefined;
    fingerprint: string;
  }): Promise<IdempotentResult<T> | null> {
    if (request.key === undefined) return null;
    assertKey(request.key);
    return this.stored<T>(this.dataSource.manager, request.scope, request.key, request.fingerprint);
  }

  private async stored<T>(
    em: EntityManager,
    scope: string,
    key: string,
    fingerprint: string,
  ): Promise<IdempotentResult<T> | null> {
    const stored = await em.getRepository(IdempotencyKeyEntity).findOneBy({ scope, key });
    if (!stored) return null;
    if (stored.fingerprint !== fingerprint) {
      throw conflict(
        ErrorCodes.IDEMPOTENCY_KEY_REUSED,
        'This Idempotency-Key was already used for a different request.',
      );
    }
    return { status: stored.responseStatus, body: stored.responseBody as T, replayed: true };
  }
}

function assertKey(key: string): void {
  if (!KEY_PATTERN.test(key))
    throw invalid(ErrorCodes.IDEMPOTENCY_KEY_INVALID, 'Idempotency-Key must be 1 to 200 printable ASCII characters.');
}
