import type {
  CustodyStep,
  LuggageStatusName,
  RideStatusName,
  Role as RoleName,
  ServiceKindName,
  ShiftStatusName,
  StaffKindName,
} from '@app/contract';
import type {
  CustodyEventType,
  LuggageStatus,
  Role,
  RideStatus,
  ServiceKind,
  ShiftStatus,
  StaffKind,
} from '@app/domain';

/**
 * Compile-time only: the contract's status words against the domain's enums (its error codes need
 * no check: they are the domain's registry itself, see libs/contract/src/errors.ts). The DTOs
 * implement the contract's response shapes (a field renamed on either side fails there); these
 * hold the unions, which a DTO cannot: a status added to the domain but not to the contract (or
 * the other way round) fails `npm run check` here. Nothing here runs.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;

export type ContractConformance = [
  Holds<Same<`${RideStatus}`, RideStatusName>>,
  Holds<Same<`${LuggageStatus}`, LuggageStatusName>>,
  Holds<Same<`${CustodyEventType}`, CustodyStep>>,
  Holds<Same<`${Role}`, RoleName>>,
  Holds<Same<`${ServiceKind}`, ServiceKindName>>,
  Holds<Same<`${ShiftStatus}`, ShiftStatusName>>,
  Holds<Same<`${StaffKind}`, StaffKindName>>,
];
