import type { CustodyStep, ErrorCode, LuggageStatusName, RideStatusName, Role as RoleName, ServiceKindName, ShiftStatusName, StaffKindName } from '@app/contract';
import type { CustodyEventType, LuggageErrorCode, LuggageStatus, Role, RideStatus, ServiceKind, ShiftStatus, ShuttleErrorCodeValue, StaffKind } from '@app/domain';

/**
 * Compile-time only: the contract's status words and error codes against the domain's enums. The
 * DTOs implement the contract's response shapes (a field renamed on either side fails there); these
 * hold the unions, which a DTO cannot: a status added to the domain but not to the contract (or the
 * other way round) fails `npm run check` here. Nothing here runs.
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
  // Every code the domain can throw is one a client can name.
  Holds<`${LuggageErrorCode}` extends ErrorCode ? true : false>,
  Holds<ShuttleErrorCodeValue extends ErrorCode ? true : false>,
];
