/** Kinds of entries in the append-only custody log. */
export enum CustodyEventType {
  Booked = 'booked',
  Assigned = 'assigned',
  Unassigned = 'unassigned',
  AtRisk = 'at_risk',
  CourierEnRoute = 'courier_en_route',
  PickedUp = 'picked_up',
  InTransit = 'in_transit',
  Delivered = 'delivered',
  PinRejected = 'pin_rejected',
  HandoverLocked = 'handover_locked',
  HandoverReleased = 'handover_released',
  TravellerAbsent = 'traveller_absent',
  BagCountMismatch = 'bag_count_mismatch',
  Damage = 'damage',
  DeliveryFailed = 'delivery_failed',
  Cancelled = 'cancelled',
}

export enum LuggageExceptionType {
  TravellerAbsent = 'traveller_absent',
  BagCountMismatch = 'bag_count_mismatch',
  Damage = 'damage',
  DeliveryFailed = 'delivery_failed',
}
