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
import { RideEntity } from './ride.entity';
import { RideEventEntity } from './ride-event.entity';
import { VehicleLiveStateEntity } from './vehicle-live-state.entity';
import { VehiclePlanEntity } from './vehicle-plan.entity';
import { DispatchDecisionEntity } from './dispatch-decision.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { LuggageBookingEntity } from './luggage-booking.entity';
import { LuggageBagEntity } from './luggage-bag.entity';
import { CustodyEventEntity } from './custody-event.entity';
import { PriceRuleEntity } from './price-rule.entity';
import { AuditLogEntity } from './audit-log.entity';
import { AccountTokenEntity, AccountTokenPurpose } from './account-token.entity';

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
  RideEntity,
  RideEventEntity,
  VehicleLiveStateEntity,
  VehiclePlanEntity,
  DispatchDecisionEntity,
  IdempotencyKeyEntity,
  LuggageBookingEntity,
  LuggageBagEntity,
  CustodyEventEntity,
  PriceRuleEntity,
  AuditLogEntity,
  AccountTokenEntity,
  AccountTokenPurpose,
};
export type { PolygonGeometry } from './service-area.entity';
export type { RideAlternative } from './ride.entity';
export type { PlannedStopRecord } from './vehicle-plan.entity';

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
  RideEntity,
  RideEventEntity,
  VehicleLiveStateEntity,
  VehiclePlanEntity,
  DispatchDecisionEntity,
  IdempotencyKeyEntity,
  LuggageBookingEntity,
  LuggageBagEntity,
  CustodyEventEntity,
  PriceRuleEntity,
  AuditLogEntity,
  AccountTokenEntity,
];
