import type { BagCounts, BilingualName, TimeWindow } from './common';
import type { CustodyStep, LuggageDirectionName, LuggageStatusName } from './status';

/** A place of a quote: code null for an address the traveller gave (the names are then its text). */
export interface QuotedPlace {
  code: string | null;
  nameKo: string;
  nameEn: string;
}

/** POST /v1/luggage/quotes. */
export interface Quote {
  quoteToken: string;
  expiresAt: string;
  direction: LuggageDirectionName;
  origin: QuotedPlace;
  destination: QuotedPlace;
  priceKrw: number;
  breakdown: { baseKrw: number; bagsKrw: number; zone: string; zoneSurchargeKrw: number; totalKrw: number };
  priceRuleVersion: number;
  serviceDate: string;
  pickupWindow: TimeWindow;
  deliveryWindow: TimeWindow;
  deadline: string;
  nextSlotOffered: boolean;
}

/** POST /v1/luggage/bookings: the PIN and the tracking token are shown once. */
export interface LuggageBookingCreated {
  id: string;
  reference: string;
  pin: string;
  trackingToken: string;
  trackingUrl: string;
  status: LuggageStatusName;
  priceKrw: number;
  serviceDate: string;
  pickupWindow: TimeWindow;
  deliveryWindow: TimeWindow;
  deadline: string;
}

/** A place of the traveller's own booking, with its point for the map (a home is in no catalogue). */
export interface TrackedPlace extends QuotedPlace {
  lat: number;
  lng: number;
}

/** GET /v1/tracking/:token: the traveller's view (no login; the token is the credential). */
export interface Tracking {
  reference: string;
  status: LuggageStatusName;
  version: number;
  direction: LuggageDirectionName;
  origin: TrackedPlace;
  destination: TrackedPlace;
  bags: number;
  serviceDate: string;
  pickupWindow: TimeWindow;
  deadline: string;
  /** Planned pickup before it, planned delivery after it. */
  etaAt: string | null;
  atRisk: boolean;
  courier: {
    firstName: string;
    position: { lat: number; lng: number; at: string } | null;
    phone: string | null;
  } | null;
  cancellationFeeKrw: number | null;
  cancellation: { allowed: boolean; feeKrw: number };
  steps: Array<{ type: CustodyStep; at: string }>;
}

/** POST /v1/tracking/:token/cancel. */
export interface CancelResult {
  reference: string;
  status: LuggageStatusName;
  cancellationFeeKrw: number;
}

/** Where a booking goes from or to: a catalogue place, or the traveller's own address (kind home). */
export interface BookingPlace {
  id: string;
  kind: string;
  name: BilingualName;
  lat: number;
  lng: number;
  address: string | null;
}

export interface CustodyEvent {
  id: string;
  type: CustodyStep;
  actorUserId: string | null;
  actorRole: string;
  at: string;
  lat: number | null;
  lng: number | null;
  details: Record<string, unknown>;
}

/** GET /v1/luggage/bookings?areaId: the dispatcher's view, never the PIN or token hashes. */
export interface LuggageBookingView {
  id: string;
  reference: string;
  areaId: string;
  status: LuggageStatusName;
  version: number;
  direction: LuggageDirectionName;
  originPlaceId: string;
  destinationPlaceId: string;
  origin: BookingPlace;
  destination: BookingPlace;
  bags: BagCounts;
  flightNumber: string;
  flightAt: string;
  serviceDate: string;
  pickupWindow: TimeWindow;
  deadline: string;
  contact: { name: string; phone: string; email: string; language: string };
  priceKrw: number;
  priceRuleVersion: number;
  cancellationFeeKrw: number | null;
  vehicleId: string | null;
  courierStaffId: string | null;
  plannedPickupAt: string | null;
  plannedDeliveryAt: string | null;
  atRisk: boolean;
  atRiskReason: string | null;
  /** The stable code of the risk: the pages say it in their language (the reason is English). */
  atRiskCode: string | null;
  pinAttempts: number;
  /** Five wrong PINs locked the handover until a dispatcher releases it. */
  handoverLocked: boolean;
  failureReason: string | null;
  custody?: CustodyEvent[];
}

export interface CourierTaskPlace {
  code: string;
  nameKo: string;
  nameEn: string;
  lat: number;
  lng: number;
}

/** GET /v1/courier/tasks: the courier's work for the day. */
export interface CourierTask {
  id: string;
  reference: string;
  status: LuggageStatusName;
  direction: LuggageDirectionName;
  origin: CourierTaskPlace;
  destination: CourierTaskPlace;
  bags: BagCounts & { total: number };
  flightNumber: string;
  pickupWindow: TimeWindow;
  deadline: string;
  plannedPickupAt: string | null;
  plannedDeliveryAt: string | null;
  contact: { name: string; phone: string; language: string };
  handoverLocked: boolean;
  atRisk: boolean;
}

/** The answer to a courier's custody step. */
export interface CustodyStepResult {
  id: string;
  reference: string;
  status: LuggageStatusName;
  version: number;
}

export interface PriceRules {
  baseKrw: number;
  perBagKrw: BagCounts;
  zones: Array<{ code: string; maxKm: number | null; surchargeKrw: number }>;
  cancellationFeeKrw: number;
}

/** GET /v1/luggage/price-rules/history: newest first. */
export interface PriceRulesVersion {
  areaId: string;
  version: number;
  rules: PriceRules;
  createdBy: string | null;
  createdAt: string;
}
