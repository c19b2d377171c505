import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CustodyEventType } from '@app/domain';
import { LuggageBookingEntity } from './luggage-booking.entity';

/**
 * Append-only custody log of a luggage booking: who, when, where. The migration adds a trigger
 * that refuses UPDATE and DELETE, so not even a bug can rewrite the history of a bag.
 */
@Entity('custody_events')
@Index('ix_custody_events_booking', ['bookingId', 'id'])
export class CustodyEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ name: 'booking_id', type: 'uuid' })
  bookingId: string;

  @ManyToOne(() => LuggageBookingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'booking_id' })
  booking?: LuggageBookingEntity;

  @Column({ type: 'enum', enum: CustodyEventType, enumName: 'custody_event_type' })
  type: CustodyEventType;

  /** The user who acted; null for the system (planner) or an anonymous traveller. */
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 20 })
  actorRole: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'double precision', nullable: true })
  lat: number | null;

  @Column({ type: 'double precision', nullable: true })
  lng: number | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;
}
