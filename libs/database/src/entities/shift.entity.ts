import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  JoinColumn,
  ManyToOne,
} from 'typeorm';
import { VehicleEntity } from './vehicle.entity';
import { StaffEntity } from './staff.entity';
import { ServiceAreaEntity } from './service-area.entity';
import { ShiftStatus } from '@app/domain';

@Entity('shifts')
@Index('ix_shifts_area_start', ['areaId', 'plannedStart'])
@Check('ck_shifts_order', 'planned_end > planned_start')
export class ShiftEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'staff_id', type: 'uuid' })
  staffId: string;

  @ManyToOne(() => StaffEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id' })
  staff?: StaffEntity;

  @Column({ name: 'vehicle_id', type: 'uuid' })
  vehicleId: string;

  @ManyToOne(() => VehicleEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vehicle_id' })
  vehicle?: VehicleEntity;

  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @ManyToOne(() => ServiceAreaEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id' })
  area?: ServiceAreaEntity;

  @Column({ name: 'planned_start', type: 'timestamptz' })
  plannedStart: Date;

  @Column({ name: 'planned_end', type: 'timestamptz' })
  plannedEnd: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'enum', enum: ShiftStatus, enumName: 'shift_status', default: ShiftStatus.Planned })
  status: ShiftStatus;

  /** Planned breaks as [{ start, end }] ISO instants. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  breaks: Array<{ start: string; end: string }>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
