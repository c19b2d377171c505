import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { PriceRules } from '@app/domain';
import { ServiceAreaEntity } from './service-area.entity';

/** Versioned luggage price rules: a change inserts a new version; the highest version is in force. */
@Entity('price_rules')
@Index('uq_price_rules_area_version', ['areaId', 'version'], { unique: true })
export class PriceRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @ManyToOne(() => ServiceAreaEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id' })
  area?: ServiceAreaEntity;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  rules: PriceRules;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
