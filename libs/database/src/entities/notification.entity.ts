import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * One message to one recipient about one event. The unique key (event, template, recipient) is
 * what makes "exactly one message per event": a retried transaction, a replayed request or a
 * re-run job finds the row already there. Delivery state lives here, not in Redis.
 */
@Entity('notifications')
@Index('uq_notifications_event_template_recipient', ['eventId', 'template', 'recipient'], { unique: true })
@Index('ix_notifications_subject', ['subjectId', 'createdAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** What happened, stable across retries: e.g. `luggage.<booking id>.picked_up`. */
  @Column({ name: 'event_id', type: 'varchar', length: 160 })
  eventId: string;

  @Column({ type: 'varchar', length: 40 })
  template: string;

  /** E.164 phone number or lower-case email address. */
  @Column({ type: 'varchar', length: 254 })
  recipient: string;

  /** `traveller`, `rider`, `staff`: who the recipient is to the subject. */
  @Column({ name: 'recipient_role', type: 'varchar', length: 20 })
  recipientRole: string;

  @Column({ type: 'varchar', length: 2 })
  language: string;

  /** The ride, luggage booking or staff member the message is about (the admin list's filter). */
  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  @Column({ name: 'area_id', type: 'uuid', nullable: true })
  areaId: string | null;

  /** Channel of the next attempt: `alimtalk`, `sms`, `email` or `dev_outbox`. */
  @Column({ type: 'varchar', length: 20 })
  channel: string;

  /** Where the message goes once the channel above has used its attempts (AlimTalk → SMS). */
  @Column({ name: 'fallback_channel', type: 'varchar', length: 20, nullable: true })
  fallbackChannel: string | null;

  /** queued → sent | failed. */
  @Column({ type: 'varchar', length: 12, default: 'queued' })
  status: string;

  /** The template's variables, none of them secret. */
  @Column({ type: 'jsonb' })
  variables: Record<string, unknown>;

  /** Secret variables (the PIN, the tracking link) sealed with AES-256-GCM; never logged or listed. */
  @Column({ name: 'sealed_secrets', type: 'text', nullable: true })
  sealedSecrets: string | null;

  /** Attempts on the current channel. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ name: 'provider_message_id', type: 'varchar', length: 100, nullable: true })
  providerMessageId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: Date | null;
}
