import type { LuggageStatusEvent, LuggageStatusName } from '@app/contract';
import { riskCode } from '@app/domain';
import { RealtimePublisher } from './realtime-publisher';
import { Rooms } from './rooms';

/** The fields of a luggage booking that its live events are made of (no personal data). */
export interface LuggageEventSource {
  id: string;
  reference: string;
  areaId: string;
  status: LuggageStatusName;
  version: number;
  updatedAt: Date;
  plannedPickupAt: Date | null;
  plannedDeliveryAt: Date | null;
  deadlineAt: Date;
  atRisk: boolean;
  /** The planner's reason, "CODE: English words" (only the code goes out). */
  atRiskReason: string | null;
  vehicleId: string | null;
  courierStaffId: string | null;
  /** Set when five wrong PINs locked the handover, until a dispatcher releases it. */
  handoverLockedAt: Date | null;
}

const BEFORE_PICKUP = new Set(['booked', 'assigned', 'courier_en_route']);

export function luggageEta(
  b: Pick<LuggageEventSource, 'status' | 'plannedPickupAt' | 'plannedDeliveryAt'>,
): Date | null {
  if (BEFORE_PICKUP.has(b.status)) return b.plannedPickupAt;
  if (b.status === 'picked_up' || b.status === 'in_transit') return b.plannedDeliveryAt;
  return null;
}

export function luggageStatusEvent(b: LuggageEventSource): LuggageStatusEvent {
  return {
    version: b.version,
    bookingId: b.id,
    reference: b.reference,
    status: b.status,
    at: b.updatedAt.toISOString(),
    etaAt: luggageEta(b)?.toISOString() ?? null,
    deadlineAt: b.deadlineAt.toISOString(),
    atRisk: b.atRisk,
    atRiskCode: riskCode(b.atRiskReason),
    vehicleId: b.vehicleId,
    courierStaffId: b.courierStaffId,
    handoverLocked: b.handoverLockedAt !== null,
  };
}

/** After commit: the booking's tracking room, its area's board, and the courier's own room. */
export function publishLuggageStatus(
  publisher: RealtimePublisher,
  b: LuggageEventSource,
  courierUserId?: string | null,
): void {
  const rooms = [Rooms.tracking(b.id), Rooms.area(b.areaId), ...(courierUserId ? [Rooms.user(courierUserId)] : [])];
  publisher.publish(rooms, 'luggage.status', luggageStatusEvent(b));
}
