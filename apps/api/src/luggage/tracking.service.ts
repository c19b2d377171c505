import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  custodyLog,
  LuggageBookingEntity,
  PlaceEntity,
  PriceRuleEntity,
  StaffEntity,
  UserEntity,
  VehicleLiveStateEntity,
} from '@app/database';
import {
  cancellationFeeFor,
  CustodyEventType,
  LuggageErrorCode,
  LuggageStatus,
  notFound,
  showsCourierPosition,
} from '@app/domain';
import { luggageEta } from '@app/realtime';
import { TrackingDto } from './dto/tracking.dto';
import { hashToken } from './secrets';

/** What the traveller may see: steps, never internal notes, other bookings or the courier's details. */
const VISIBLE_STEPS = new Set<string>([
  CustodyEventType.Booked,
  CustodyEventType.Assigned,
  CustodyEventType.CourierEnRoute,
  CustodyEventType.PickedUp,
  CustodyEventType.InTransit,
  CustodyEventType.Delivered,
  CustodyEventType.DeliveryFailed,
  CustodyEventType.TravellerAbsent,
  CustodyEventType.Cancelled,
]);

/** Korean names lead with the family name: "한옥순" → "옥순"; others: the first word. */
export function firstNameOf(displayName: string): string {
  const name = displayName.trim();
  if (/^[\uAC00-\uD7A3]{2,4}$/.test(name)) return name.slice(1);
  const hangulWord = name.split(/\s+/).find((w) => /^[\uAC00-\uD7A3]{2,4}$/.test(w));
  if (hangulWord) return hangulWord.slice(1);
  return name.split(/\s+/)[0] ?? '';
}

@Injectable()
export class TrackingService {
  constructor(private readonly dataSource: DataSource) {}

  /** The token is the only credential: unknown tokens are 404 TRACKING_TOKEN_INVALID, nothing else. */
  async bookingByToken(token: string): Promise<LuggageBookingEntity> {
    const booking =
      typeof token === 'string' && token.length >= 40 && token.length <= 100
        ? await this.dataSource.getRepository(LuggageBookingEntity).findOneBy({ trackingTokenHash: hashToken(token) })
        : null;
    if (!booking) throw notFound(LuggageErrorCode.TrackingTokenInvalid, 'This tracking link is not valid.');
    return booking;
  }

  async track(token: string): Promise<TrackingDto> {
    const b = await this.bookingByToken(token);
    const places = await this.dataSource
      .getRepository(PlaceEntity)
      .findBy([{ id: b.originPlaceId }, { id: b.destinationPlaceId }]);
    const ref = (id: string) => {
      const p = places.find((x) => x.id === id)!;
      return { code: p.code, nameKo: p.nameKo, nameEn: p.nameEn, lat: p.lat, lng: p.lng };
    };
    let courier: TrackingDto['courier'] = null;
    if (b.courierStaffId) {
      const staff = await this.dataSource.getRepository(StaffEntity).findOneBy({ id: b.courierStaffId });
      const user = staff ? await this.dataSource.getRepository(UserEntity).findOneBy({ id: staff.userId }) : null;
      let position: { lat: number; lng: number; at: string } | null = null;
      if (showsCourierPosition(b.status) && b.vehicleId) {
        const live = await this.dataSource.getRepository(VehicleLiveStateEntity).findOneBy({ vehicleId: b.vehicleId });
        if (live?.lat != null && live.lng != null && live.positionAt)
          position = { lat: live.lat, lng: live.lng, at: live.positionAt.toISOString() };
      }
      // The phone lets the traveller call while the courier is on the way or has the bags; not after.
      const underWay = [
        LuggageStatus.Assigned,
        LuggageStatus.CourierEnRoute,
        LuggageStatus.PickedUp,
        LuggageStatus.InTransit,
      ].includes(b.status);
      courier = {
        firstName: user ? firstNameOf(user.displayName) : '',
        position,
        phone: underWay ? (staff?.phone ?? null) : null,
      };
    }
    const rule = await this.dataSource
      .getRepository(PriceRuleEntity)
      .findOneBy({ areaId: b.areaId, version: b.priceRuleVersion });
    let cancellation = { allowed: false, feeKrw: 0 };
    if (b.status !== LuggageStatus.Cancelled) {
      try {
        cancellation = { allowed: true, feeKrw: cancellationFeeFor(b.status, rule?.rules?.cancellationFeeKrw ?? 0) };
      } catch {
        // Bags taken or the delivery over: the rules allow no cancellation.
      }
    }
    const events = await custodyLog(this.dataSource.manager, b.id);
    return {
      reference: b.reference,
      status: b.status,
      version: b.version,
      direction: b.direction,
      origin: ref(b.originPlaceId),
      destination: ref(b.destinationPlaceId),
      bags: b.bagsCarryOn + b.bagsSuitcase + b.bagsOversize,
      serviceDate: b.serviceDate,
      pickupWindow: { start: b.pickupWindowStart.toISOString(), end: b.pickupWindowEnd.toISOString() },
      deadline: b.deadlineAt.toISOString(),
      etaAt: luggageEta(b)?.toISOString() ?? null,
      atRisk: b.atRisk,
      courier,
      cancellationFeeKrw: b.cancellationFeeKrw,
      cancellation,
      steps: events.filter((e) => VISIBLE_STEPS.has(e.type)).map((e) => ({ type: e.type, at: e.at.toISOString() })),
    };
  }
}
