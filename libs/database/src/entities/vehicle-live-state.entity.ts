import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { VehicleEntity } from './vehicle.entity';

/** Where a vehicle is and whether it takes work, as last reported by its driver. */
@Entity('vehicle_live_states')
@Index('ix_vehicle_live_area', ['areaId'])
export class VehicleLiveStateEntity {
  @PrimaryColumn({ name: 'vehicle_id', type: 'uuid' })
  vehicleId: string;

  @OneToOne(() => VehicleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vehicle_id' })
  vehicle?: VehicleEntity;

  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  /** The shift in progress with this vehicle; null when nobody drives it. */
  @Column({ name: 'shift_id', type: 'uuid', nullable: true })
  shiftId: string | null;

  @Column({ name: 'driver_user_id', type: 'uuid', nullable: true })
  driverUserId: string | null;

  @Column({ type: 'boolean', default: false })
  online: boolean;

  @Column({ type: 'double precision', nullable: true })
  lat: number | null;

  @Column({ type: 'double precision', nullable: true })
  lng: number | null;

  /** Degrees clockwise from north. */
  @Column({ type: 'double precision', nullable: true })
  heading: number | null;

  /** Metres per second. */
  @Column({ type: 'double precision', nullable: true })
  speed: number | null;

  /** When the device measured the position. */
  @Column({ name: 'position_at', type: 'timestamptz', nullable: true })
  positionAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
