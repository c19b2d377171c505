import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Transactional outbox: a job to enqueue is written in the same transaction as the state that
 * needs it, and relayed to BullMQ afterwards. If Redis is down at commit time nothing is lost.
 */
@Entity('outbox_messages')
@Index('ix_outbox_pending', ['id'], { where: 'published_at IS NULL' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 60 })
  queue: string;

  @Column({ name: 'job_name', type: 'varchar', length: 60 })
  jobName: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** BullMQ job id: relaying twice cannot create two jobs. */
  @Column({ name: 'job_id', type: 'varchar', length: 120 })
  jobId: string;

  /** Delayed jobs (scheduled rides) are enqueued with this many ms of delay at relay time. */
  @Column({ name: 'run_at', type: 'timestamptz', nullable: true })
  runAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
