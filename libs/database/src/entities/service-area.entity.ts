import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ServiceKind, ServiceWindow } from '@app/domain';

/** GeoJSON polygon ring(s), [lng, lat] order as GeoJSON requires. */
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: number[][][];
}

@Entity('service_areas')
export class ServiceAreaEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable human key used by seeds and URLs ("geomdan", "freelug"). */
  @Index('uq_service_areas_code', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ name: 'name_ko', type: 'varchar', length: 100 })
  nameKo: string;

  @Column({ name: 'name_en', type: 'varchar', length: 100 })
  nameEn: string;

  @Column({ type: 'enum', enum: ServiceKind, enumName: 'service_kind' })
  kind: ServiceKind;

  @Column({ type: 'jsonb' })
  boundary: PolygonGeometry;

  @Column({ type: 'varchar', length: 40, default: 'Asia/Seoul' })
  timezone: string;

  @Column({ name: 'service_hours', type: 'jsonb', default: () => "'[]'" })
  serviceHours: ServiceWindow[];

  /** Dispatch knobs per area (max wait, ride-time factors, horizon, cutoffs). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  settings: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
