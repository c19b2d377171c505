/**
 * The status words the server answers with. They mirror the domain's enums (libs/domain);
 * apps/api/src/contract/conformance.ts fails to compile when the two drift apart.
 */

/** A shuttle ride's life: `requested` is answered with `assigned` or `rejected`. */
export type RideStatusName =
  'scheduled' | 'requested' | 'assigned' | 'arrived' | 'on_board' | 'completed' | 'cancelled' | 'rejected' | 'no_show';

/** A luggage booking's life. Terminal: delivered, failed, cancelled. */
export type LuggageStatusName =
  'booked' | 'assigned' | 'courier_en_route' | 'picked_up' | 'in_transit' | 'delivered' | 'failed' | 'cancelled';

/** An entry of a booking's append-only custody log (the tracking page lists them as steps). */
export type CustodyStep =
  | 'booked'
  | 'assigned'
  | 'unassigned'
  | 'at_risk'
  | 'courier_en_route'
  | 'picked_up'
  | 'in_transit'
  | 'delivered'
  | 'pin_rejected'
  | 'handover_locked'
  | 'handover_released'
  | 'traveller_absent'
  | 'bag_count_mismatch'
  | 'damage'
  | 'delivery_failed'
  | 'cancelled';

export type Role = 'rider' | 'traveller' | 'staff' | 'dispatcher' | 'admin';
export type ServiceKindName = 'shuttle' | 'luggage';
export type ShiftStatusName = 'planned' | 'active' | 'ended' | 'cancelled';
export type StaffKindName = 'driver' | 'courier';
export type LuggageDirectionName = 'to_airport' | 'from_airport';
