import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The development outbox: what would have been sent, as rendered, when no provider is
 * configured (shown at /dev/messages, the way maildev or letter_opener do). One row per
 * notification, so a re-run delivery job stores nothing twice.
 */
@Entity('dev_messages')
export class DevMessageEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Index('uq_dev_messages_notification', { unique: true })
  @Column({ name: 'notification_id', type: 'uuid' })
  notificationId: string;

  /** The channel the message stands in for: `sms`, `alimtalk` or `email`. */
  @Column({ type: 'varchar', length: 20 })
  kind: string;

  @Column({ type: 'varchar', length: 254 })
  recipient: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  subject: string | null;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
