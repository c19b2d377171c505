import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RideStatus } from '@app/domain';
import { RideEntity } from './ride.entity';

/** Append-only status history of a ride, with the time each step actually happened. */
@Entity('ride_events')
@Index('ix_ride_events_ride', ['rideId', 'id'])
export class RideEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ name: 'ride_id', type: 'uuid' })
  rideId: string;

  @ManyToOne(() => RideEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ride_id' })
  ride?: RideEntity;

  @Column({ type: 'enum', enum: RideStatus, enumName: 'ride_status' })
  status: RideStatus;

  /** The ride's version after this event. */
  @Column({ type: 'int' })
  version: number;

  /** When it happened (the driver's tap, the dispatcher's decision). */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  /** Who caused it: a user id, or 'dispatcher'. */
  @Column({ type: 'varchar', length: 60 })
  actor: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
