import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A stored response to a request sent with an Idempotency-Key: the same key and body replay
 * it; the same key with another body is refused. Written in the same transaction as the work.
 */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  /** The caller: a user id, or 'anon'. */
  @PrimaryColumn({ type: 'varchar', length: 60 })
  scope: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  /** sha256 of the method, route and body. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  @Column({ name: 'response_status', type: 'int' })
  responseStatus: number;

  @Column({ name: 'response_body', type: 'jsonb' })
  responseBody: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
