import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';
import { UserEntity } from './user.entity';
import { ServiceAreaEntity } from './service-area.entity';

/**
 * A dispatcher's "is the pipeline alive?" probe: api → queue → dispatcher → gateway.
 * It exercises the same path a booking takes, without touching any booking.
 */
@Entity('pipeline_checks')
export class PipelineCheckEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requested_by' })
  requester?: UserEntity;

  @Column({ name: 'area_id', type: 'uuid', nullable: true })
  areaId: string | null;

  @ManyToOne(() => ServiceAreaEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'area_id' })
  area?: ServiceAreaEntity;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;

  @Column({ name: 'processed_by', type: 'varchar', length: 100, nullable: true })
  processedBy: string | null;
}
