import { EntityManager } from 'typeorm';

/**
 * Serialises every plan change of one service area, shuttle and luggage alike, and the admin
 * edits that change what planning may use (shifts, staff areas): taken first in the transaction
 * that reads the plans and writes the decision, released at commit. Two requests can never take
 * one seat or one courier.
 */
export async function lockAreaPlanning(em: EntityManager, areaId: string): Promise<void> {
  await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`plan:${areaId}`]);
}
