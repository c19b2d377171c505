import { Entity, PrimaryColumn, JoinColumn, ManyToOne } from 'typeorm';
import { UserEntity } from './user.entity';
import { ServiceAreaEntity } from './service-area.entity';

/** The service areas a dispatcher or staff member works in. Admins need no rows: they see all. */
@Entity('user_areas')
export class UserAreaEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @PrimaryColumn({ name: 'area_id', type: 'uuid' })
  areaId: string;

  @ManyToOne(() => ServiceAreaEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'area_id' })
  area?: ServiceAreaEntity;
}
