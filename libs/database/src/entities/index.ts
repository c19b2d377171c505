import { CompanyEntity } from './company.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { PipelineCheckEntity } from './pipeline-check.entity';
import { PlaceEntity } from './place.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { ServiceAreaEntity } from './service-area.entity';
import { ShiftEntity } from './shift.entity';
import { StaffEntity } from './staff.entity';
import { SystemMetaEntity } from './system-meta.entity';
import { UserAreaEntity } from './user-area.entity';
import { UserEntity } from './user.entity';
import { VehicleEntity } from './vehicle.entity';

export {
  CompanyEntity,
  OutboxMessageEntity,
  PipelineCheckEntity,
  PlaceEntity,
  RefreshTokenEntity,
  ServiceAreaEntity,
  ShiftEntity,
  StaffEntity,
  SystemMetaEntity,
  UserAreaEntity,
  UserEntity,
  VehicleEntity,
};
export type { PolygonGeometry } from './service-area.entity';

export const ENTITIES = [
  CompanyEntity,
  OutboxMessageEntity,
  PipelineCheckEntity,
  PlaceEntity,
  RefreshTokenEntity,
  ServiceAreaEntity,
  ShiftEntity,
  StaffEntity,
  SystemMetaEntity,
  UserAreaEntity,
  UserEntity,
  VehicleEntity,
];
