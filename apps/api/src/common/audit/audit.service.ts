import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditLogEntity } from '@app/database';

export interface AuditEntry {
  /** Null for system changes (jobs, seed). */
  actorUserId: string | null;
  /** "<entity>.<verb>", e.g. "vehicle.out_of_service". */
  action: string;
  entityType: string;
  entityId: string;
  /** Snapshots as the API shows them (mapper output), never raw rows: no hashes or secrets. */
  before: object | null;
  after: object | null;
}

/** Plain JSON (dates as ISO strings, undefined dropped), so jsonb stores what the API returned. */
const snapshot = (value: object | null): Record<string, unknown> | null =>
  value === null ? null : (JSON.parse(JSON.stringify(value)) as Record<string, unknown>);

/**
 * The one way to write the audit log. Call it with the transaction's EntityManager, so the entry
 * commits or rolls back with the change it describes.
 */
@Injectable()
export class AuditService {
  async record(em: EntityManager, entry: AuditEntry): Promise<void> {
    if (!em.queryRunner?.isTransactionActive) {
      // An entry written outside the change's transaction could describe a change that never happened.
      throw new Error(`audit ${entry.action}: record() must run inside the change's transaction`);
    }
    await em.getRepository(AuditLogEntity).insert({
      actorUserId: entry.actorUserId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      // jsonb columns: TypeORM's deep-partial type cannot express arbitrary JSON objects.
      before: snapshot(entry.before) as never,
      after: snapshot(entry.after) as never,
    });
  }
}
