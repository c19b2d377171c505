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
import { PlaceEntity } from './place.entity';

/** A park company; its employer code makes its workers eligible to ride. */
@Entity('companies')
export class CompanyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @ManyToOne(() => ServiceAreaEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id' })
  area?: ServiceAreaEntity;

  @Column({ name: 'name_ko', type: 'varchar', length: 120 })
  nameKo: string;

  @Column({ name: 'name_en', type: 'varchar', length: 120 })
  nameEn: string;

  @Index('uq_companies_employer_code', { unique: true })
  @Column({ name: 'employer_code', type: 'varchar', length: 20 })
  employerCode: string;

  @Column({ name: 'place_id', type: 'uuid', nullable: true })
  placeId: string | null;

  @ManyToOne(() => PlaceEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'place_id' })
  place?: PlaceEntity;

  @Column({ name: 'suspended_at', type: 'timestamptz', nullable: true })
  suspendedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
