import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Small facts about this installation, e.g. when the demo catalogue was seeded. */
@Entity('system_meta')
export class SystemMetaEntity {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  key: string;

  @Column({ type: 'jsonb' })
  value: unknown;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
