import {
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
import { PlaceKind } from '@app/domain';

@Entity('places')
@Index('ix_places_area', ['areaId'])
export class PlaceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_places_code', { unique: true })
  @Column({ type: 'varchar', length: 60 })
  code: string;

  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @ManyToOne(() => ServiceAreaEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id' })
  area?: ServiceAreaEntity;

  @Column({ name: 'name_ko', type: 'varchar', length: 120 })
  nameKo: string;

  @Column({ name: 'name_en', type: 'varchar', length: 120 })
  nameEn: string;

  @Column({ type: 'enum', enum: PlaceKind, enumName: 'place_kind' })
  kind: PlaceKind;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lng: number;

  /** Shuttle stops can be boarded at; other places (hotels, depots) are addresses. */
  @Column({ name: 'is_stop', type: 'boolean', default: false })
  isStop: boolean;

  @Column({ name: 'address_ko', type: 'varchar', length: 200, nullable: true })
  addressKo: string | null;

  /** Retired places stay for history but take no new bookings. */
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
