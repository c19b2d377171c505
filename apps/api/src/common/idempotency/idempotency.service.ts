import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { IdempotencyKeyEntity } from '@app/database';
import { conflict, invalid } from '@app/domain';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** Stable JSON (object keys sorted) so the same body always gives the same fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
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

  async run<T>(
    request: { scope: string; key: string | undefined; fingerprint: string; status: number },
    work: (em: EntityManager) => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    const { scope, key, fingerprint, status } = request;
    if (key === undefined) {
      const body = await this.dataSource.transaction(work);
      return { status, body, replayed: false };
    }
    if (!KEY_PATTERN.test(key)) throw invalid('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 1 to 200 printable ASCII characters.');
    return this.dataSource.transaction(async (em) => {
      // Two concurrent requests with one key: the second waits here, then finds the first's row.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`idem:${scope}:${key}`]);
      const stored = await em.getRepository(IdempotencyKeyEntity).findOneBy({ scope, key });
      if (stored) {
        if (stored.fingerprint !== fingerprint) {
          throw conflict('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request.');
        }
        return { status: stored.responseStatus, body: stored.responseBody as T, replayed: true };
      }
      const body = await work(em);
      await em.getRepository(IdempotencyKeyEntity).insert({ scope, key, fingerprint, responseStatus: status, responseBody: body as never });
      return { status, body, replayed: false };
    });
  }
}
