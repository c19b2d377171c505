import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { LuggageDirection, LuggageStatus } from '@app/domain';
import { ServiceAreaEntity } from './service-area.entity';
import { PlaceEntity } from './place.entity';
import { VehicleEntity } from './vehicle.entity';
import { StaffEntity } from './staff.entity';

/**
 * A Free-Lug job: bags carried the same day between a hotel (or home) and the airport.
 * The PIN and the tracking token are stored only as hashes; the traveller holds the clear values.
 */
@Entity('luggage_bookings')
@Index('ix_luggage_bookings_area_day', ['areaId', 'serviceDate'])
@Index('ix_luggage_bookings_courier', ['courierStaffId', 'status'])
@Check(
  'ck_luggage_bags',
  'bags_carry_on >= 0 AND bags_suitcase >= 0 AND bags_oversize >= 0 AND bags_carry_on + bags_suitcase + bags_oversize > 0',
)
@Check('ck_luggage_windows', 'pickup_window_end >= pickup_window_start AND deadline_at >= delivery_window_start')
export class LuggageBookingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** "FL-XXXXXX", told over the phone. */
  @Index('uq_luggage_bookings_reference', { unique: true })
  @Column({ type: 'varchar', length: 12 })
  reference: string;

  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @ManyToOne(() => ServiceAreaEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id' })
  area?: ServiceAreaEntity;

  @Column({ type: 'enum', enum: LuggageStatus, enumName: 'luggage_status', default: LuggageStatus.Booked })
  status: LuggageStatus;

  /** Grows on every change; events carry it so clients drop stale copies. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'enum', enum: LuggageDirection, enumName: 'luggage_direction' })
  direction: LuggageDirection;

  @Column({ name: 'origin_place_id', type: 'uuid' })
  originPlaceId: string;

  @ManyToOne(() => PlaceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'origin_place_id' })
  origin?: PlaceEntity;

  @Column({ name: 'destination_place_id', type: 'uuid' })
  destinationPlaceId: string;

  @ManyToOne(() => PlaceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'destination_place_id' })
  destination?: PlaceEntity;

  @Column({ name: 'bags_carry_on', type: 'int', default: 0 })
  bagsCarryOn: number;

  @Column({ name: 'bags_suitcase', type: 'int', default: 0 })
  bagsSuitcase: number;

  @Column({ name: 'bags_oversize', type: 'int', default: 0 })
  bagsOversize: number;

  @Column({ name: 'flight_number', type: 'varchar', length: 10 })
  flightNumber: string;

  /** Departure (to the airport) or arrival (from the airport). */
  @Column({ name: 'flight_at', type: 'timestamptz' })
  flightAt: Date;

  /** Local date (Asia/Seoul) of the day plan that serves this booking. */
  @Column({ name: 'service_date', type: 'date' })
  serviceDate: string;

  @Column({ name: 'pickup_window_start', type: 'timestamptz' })
  pickupWindowStart: Date;

  @Column({ name: 'pickup_window_end', type: 'timestamptz' })
  pickupWindowEnd: Date;

  @Column({ name: 'delivery_window_start', type: 'timestamptz' })
  deliveryWindowStart: Date;

  /** Latest delivery: departure − buffer, or the end of the evening window. */
  @Column({ name: 'deadline_at', type: 'timestamptz' })
  deadlineAt: Date;

  @Column({ name: 'contact_name', type: 'varchar', length: 100 })
  contactName: string;

  @Column({ name: 'contact_phone', type: 'varchar', length: 20 })
  contactPhone: string;

  @Column({ name: 'contact_email', type: 'varchar', length: 254 })
  contactEmail: string;

  @Column({ type: 'varchar', length: 2, default: 'ko' })
  language: string;

  @Column({ name: 'prohibited_items_confirmed_at', type: 'timestamptz' })
  prohibitedItemsConfirmedAt: Date;

  @Column({ name: 'pin_hash', type: 'varchar', length: 64 })
  pinHash: string;

  @Column({ name: 'pin_attempts', type: 'int', default: 0 })
  pinAttempts: number;

  @Column({ name: 'handover_locked_at', type: 'timestamptz', nullable: true })
  handoverLockedAt: Date | null;

  @Index('uq_luggage_bookings_tracking', { unique: true })
  @Column({ name: 'tracking_token_hash', type: 'varchar', length: 64 })
  trackingTokenHash: string;

  @Column({ name: 'price_krw', type: 'int' })
  priceKrw: number;

  @Column({ name: 'price_rule_version', type: 'int' })
  priceRuleVersion: number;

  @Column({ name: 'cancellation_fee_krw', type: 'int', nullable: true })
  cancellationFeeKrw: number | null;

  /** Planning: the van and courier the current plan gives the booking, and its planned times. */
  @Column({ name: 'vehicle_id', type: 'uuid', nullable: true })
  vehicleId: string | null;

  @ManyToOne(() => VehicleEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'vehicle_id' })
  vehicle?: VehicleEntity;

  @Column({ name: 'courier_staff_id', type: 'uuid', nullable: true })
  courierStaffId: string | null;

  @ManyToOne(() => StaffEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'courier_staff_id' })
  courier?: StaffEntity;

  @Column({ name: 'planned_pickup_at', type: 'timestamptz', nullable: true })
  plannedPickupAt: Date | null;

  @Column({ name: 'planned_delivery_at', type: 'timestamptz', nullable: true })
  plannedDeliveryAt: Date | null;

  /** No plan meets the deadline: dispatchers were told at once, and so was the traveller. */
  @Column({ name: 'at_risk', type: 'boolean', default: false })
  atRisk: boolean;

  @Column({ name: 'at_risk_reason', type: 'varchar', length: 200, nullable: true })
  atRiskReason: string | null;

  @Column({ name: 'failure_reason', type: 'varchar', length: 300, nullable: true })
  failureReason: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
