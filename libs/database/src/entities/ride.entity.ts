import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { RideStatus, RideTimeMode } from '@app/domain';
import { ServiceAreaEntity } from './service-area.entity';
import { UserEntity } from './user.entity';
import { PlaceEntity } from './place.entity';
import { VehicleEntity } from './vehicle.entity';

/** Alternative pickup times offered with a rejection. */
export interface RideAlternative {
  pickupAt: string;
  mode: RideTimeMode;
}

/** A shuttle ride request and its outcome. Its history lives in ride_events. */
@Entity('rides')
@Index('ix_rides_rider_created', ['riderUserId', 'createdAt'])
@Index('ix_rides_area_status', ['areaId', 'status'])
@Index('ix_rides_vehicle_status', ['vehicleId', 'status'])
@Check('ck_rides_passengers', 'passengers >= 1')
@Check('ck_rides_stops', 'pickup_place_id <> dropoff_place_id')
export class RideEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @ManyToOne(() => ServiceAreaEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id' })
  area?: ServiceAreaEntity;

  /** The rider; for a phone booking, a phone-only account that cannot sign in. */
  @Column({ name: 'rider_user_id', type: 'uuid' })
  riderUserId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rider_user_id' })
  rider?: UserEntity;

  /** Who made the booking: the rider, or the dispatcher who took the call. */
  @Column({ name: 'booked_by_user_id', type: 'uuid' })
  bookedByUserId: string;

  @Column({ type: 'varchar', length: 10, default: 'app' })
  channel: 'app' | 'phone';

  @Column({ name: 'pickup_place_id', type: 'uuid' })
  pickupPlaceId: string;

  @ManyToOne(() => PlaceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pickup_place_id' })
  pickupPlace?: PlaceEntity;

  @Column({ name: 'dropoff_place_id', type: 'uuid' })
  dropoffPlaceId: string;

  @ManyToOne(() => PlaceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dropoff_place_id' })
  dropoffPlace?: PlaceEntity;

  @Column({ type: 'int' })
  passengers: number;

  /** e.g. ['wheelchair']: only vans that offer every need are considered. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  needs: string[];

  @Column({ name: 'time_mode', type: 'varchar', length: 12 })
  timeMode: RideTimeMode;

  /** The instant asked for: now, depart-at or arrive-by. */
  @Column({ name: 'requested_time', type: 'timestamptz' })
  requestedTime: Date;

  @Column({ type: 'enum', enum: RideStatus, enumName: 'ride_status' })
  status: RideStatus;

  /** Incremented on every change; carried by live events so clients drop stale ones. */
  @Column({ type: 'int', default: 1 })
  version: number;

  /** The promise: pickup starts within this window (fixed when first assigned). */
  @Column({ name: 'promised_pickup_from', type: 'timestamptz', nullable: true })
  promisedPickupFrom: Date | null;

  @Column({ name: 'promised_pickup_to', type: 'timestamptz', nullable: true })
  promisedPickupTo: Date | null;

  @Column({ name: 'max_ride_s', type: 'int', nullable: true })
  maxRideS: number | null;

  @Column({ name: 'vehicle_id', type: 'uuid', nullable: true })
  vehicleId: string | null;

  @ManyToOne(() => VehicleEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vehicle_id' })
  vehicle?: VehicleEntity;

  @Column({ name: 'driver_user_id', type: 'uuid', nullable: true })
  driverUserId: string | null;

  @Column({ name: 'eta_pickup_at', type: 'timestamptz', nullable: true })
  etaPickupAt: Date | null;

  @Column({ name: 'eta_dropoff_at', type: 'timestamptz', nullable: true })
  etaDropoffAt: Date | null;

  @Column({ name: 'arrived_at', type: 'timestamptz', nullable: true })
  arrivedAt: Date | null;

  /** When the driver may mark a no-show (the wait runs from when the arrival was reported). */
  @Column({ name: 'no_show_allowed_at', type: 'timestamptz', nullable: true })
  noShowAllowedAt: Date | null;

  @Column({ name: 'picked_up_at', type: 'timestamptz', nullable: true })
  pickedUpAt: Date | null;

  @Column({ name: 'dropped_off_at', type: 'timestamptz', nullable: true })
  droppedOffAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 300, nullable: true })
  cancelReason: string | null;

  @Column({ name: 'late_cancel', type: 'boolean', default: false })
  lateCancel: boolean;

  @Column({ name: 'rejection_code', type: 'varchar', length: 40, nullable: true })
  rejectionCode: string | null;

  @Column({ name: 'rejection_reason', type: 'varchar', length: 300, nullable: true })
  rejectionReason: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  alternatives: RideAlternative[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
