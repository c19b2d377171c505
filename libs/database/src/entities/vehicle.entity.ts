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
import { ServiceAreaEntity } from './service-area.entity';
import { PlaceEntity } from './place.entity';

@Entity('vehicles')
@Check('ck_vehicles_capacity', 'seats >= 0 AND bag_slots >= 0 AND seats + bag_slots > 0')
export class VehicleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @ManyToOne(() => ServiceAreaEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id' })
  area?: ServiceAreaEntity;

  @Index('uq_vehicles_plate', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  plate: string;

  @Column({ type: 'varchar', length: 60 })
  label: string;

  @Column({ type: 'int' })
  seats: number;

  @Column({ name: 'bag_slots', type: 'int', default: 0 })
  bagSlots: number;

  @Column({ name: 'wheelchair_accessible', type: 'boolean', default: false })
  wheelchairAccessible: boolean;

  @Column({ name: 'home_place_id', type: 'uuid', nullable: true })
  homePlaceId: string | null;

  @ManyToOne(() => PlaceEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'home_place_id' })
  homePlace?: PlaceEntity;

  @Column({ name: 'in_service', type: 'boolean', default: true })
  inService: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
