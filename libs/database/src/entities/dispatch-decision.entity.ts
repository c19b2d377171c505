import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Why the dispatcher did what it did with a ride: shown to dispatchers, kept for audit. */
@Entity('dispatch_decisions')
@Index('ix_dispatch_decisions_ride', ['rideId', 'createdAt'])
@Index('ix_dispatch_decisions_area', ['areaId', 'createdAt'])
export class DispatchDecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The ride (or other task) decided about. */
  @Column({ name: 'ride_id', type: 'uuid' })
  rideId: string;

  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  /** assigned | rejected | reassigned | released | replanned */
  @Column({ type: 'varchar', length: 20 })
  outcome: string;

  @Column({ name: 'vehicle_id', type: 'uuid', nullable: true })
  vehicleId: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  code: string | null;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  /** Seconds of added van time + weighted rider delay. */
  @Column({ name: 'cost_delta', type: 'double precision', nullable: true })
  costDelta: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
