import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { VehicleEntity } from './vehicle.entity';

/** One planned stop of a vehicle; `taskId` is the ride (or luggage job) it serves. */
export interface PlannedStopRecord {
  taskId: string;
  kind: 'pickup' | 'dropoff';
  placeId: string;
  /** ISO instants. */
  arrival: string;
  serviceStart: string;
  departure: string;
  /** Load after the stop, [seats, bags, wheelchairs]. */
  loadAfter: number[];
}

/**
 * The ordered stops a vehicle will make, first = the one it is driving to. `version` grows on
 * every change: writers compare it (optimistic check) and clients use it to drop stale copies.
 */
@Entity('vehicle_plans')
@Index('ix_vehicle_plans_area', ['areaId'])
export class VehiclePlanEntity {
  @PrimaryColumn({ name: 'vehicle_id', type: 'uuid' })
  vehicleId: string;

  @OneToOne(() => VehicleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vehicle_id' })
  vehicle?: VehicleEntity;

  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @Column({ type: 'int', default: 0 })
  version: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  stops: PlannedStopRecord[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
