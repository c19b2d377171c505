import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { type CustodyEventEntity, LuggageBookingEntity, PlaceEntity } from '@app/database';
import type {
  BookingPlace,
  CustodyEvent,
  CustodyStep,
  LuggageBookingView,
  LuggageDirectionName,
  LuggageStatusName,
} from '@app/contract';
import { riskCode } from '@app/domain';

export class LuggageListQueryDto {
  @ApiProperty() @IsUUID() areaId: string;
  @ApiPropertyOptional({ description: 'Service date yyyy-MM-dd (local)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date?: string;
}

export class CustodyEventDto implements CustodyEvent {
  @ApiProperty() id: string;
  // `type: String`: the contract's word types are erased, so the document cannot read them from the property.
  @ApiProperty({ type: String }) type: CustodyStep;
  @ApiProperty({ nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty() actorRole: string;
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true, type: Number }) lat: number | null;
  @ApiProperty({ nullable: true, type: Number }) lng: number | null;
  @ApiProperty() details: Record<string, unknown>;

  static from(e: CustodyEventEntity): CustodyEventDto {
    return {
      id: e.id,
      type: e.type,
      actorUserId: e.actorUserId,
      actorRole: e.actorRole,
      at: e.at.toISOString(),
      lat: e.lat,
      lng: e.lng,
      details: e.details,
    };
  }
}

/** Where a booking goes from or to: a catalogue place, or the traveller's own address. */
export class BookingPlaceDto implements BookingPlace {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'hotel, airport, or home (an address the traveller gave)' }) kind: string;
  @ApiProperty() name: { ko: string; en: string };
  @ApiProperty() lat: number;
  @ApiProperty() lng: number;
  @ApiProperty({ nullable: true, type: String }) address: string | null;

  static from(p: PlaceEntity): BookingPlaceDto {
    return {
      id: p.id,
      kind: p.kind,
      name: { ko: p.nameKo, en: p.nameEn },
      lat: p.lat,
      lng: p.lng,
      address: p.addressKo,
    };
  }
}

/** The dispatcher's view of a booking: operational fields, never the PIN or token hashes. */
export class LuggageBookingViewDto implements LuggageBookingView {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() areaId: string;
  @ApiProperty({ type: String }) status: LuggageStatusName;
  @ApiProperty() version: number;
  @ApiProperty({ type: String }) direction: LuggageDirectionName;
  @ApiProperty() originPlaceId: string;
  @ApiProperty() destinationPlaceId: string;
  @ApiProperty({ type: BookingPlaceDto }) origin: BookingPlaceDto;
  @ApiProperty({ type: BookingPlaceDto }) destination: BookingPlaceDto;
  @ApiProperty() bags: { carry_on: number; suitcase: number; oversize: number };
  @ApiProperty() flightNumber: string;
  @ApiProperty() flightAt: string;
  @ApiProperty() serviceDate: string;
  @ApiProperty() pickupWindow: { start: string; end: string };
  @ApiProperty() deadline: string;
  @ApiProperty() contact: { name: string; phone: string; email: string; language: string };
  @ApiProperty() priceKrw: number;
  @ApiProperty() priceRuleVersion: number;
  @ApiProperty({ nullable: true, type: Number }) cancellationFeeKrw: number | null;
  @ApiProperty({ nullable: true, type: String }) vehicleId: string | null;
  @ApiProperty({ nullable: true, type: String }) courierStaffId: string | null;
  @ApiProperty({ nullable: true, type: String }) plannedPickupAt: string | null;
  @ApiProperty({ nullable: true, type: String }) plannedDeliveryAt: string | null;
  @ApiProperty() atRisk: boolean;
  @ApiProperty({ nullable: true, type: String }) atRiskReason: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'SHIFT_END',
    description: 'The stable code of the risk, for the pages to say it in their language',
  })
  atRiskCode: string | null;
  @ApiProperty() pinAttempts: number;
  @ApiProperty() handoverLocked: boolean;
  @ApiProperty({ nullable: true, type: String }) failureReason: string | null;
  @ApiPropertyOptional({ type: [CustodyEventDto] }) custody?: CustodyEventDto[];

  static from(
    b: LuggageBookingEntity,
    places: Map<string, PlaceEntity>,
    custody?: CustodyEventEntity[],
  ): LuggageBookingViewDto {
    return {
      id: b.id,
      reference: b.reference,
      areaId: b.areaId,
      status: b.status,
      version: b.version,
      direction: b.direction,
      originPlaceId: b.originPlaceId,
      destinationPlaceId: b.destinationPlaceId,
      origin: BookingPlaceDto.from(places.get(b.originPlaceId)!),
      destination: BookingPlaceDto.from(places.get(b.destinationPlaceId)!),
      bags: { carry_on: b.bagsCarryOn, suitcase: b.bagsSuitcase, oversize: b.bagsOversize },
      flightNumber: b.flightNumber,
      flightAt: b.flightAt.toISOString(),
      serviceDate: b.serviceDate,
      pickupWindow: { start: b.pickupWindowStart.toISOString(), end: b.pickupWindowEnd.toISOString() },
      deadline: b.deadlineAt.toISOString(),
      contact: { name: b.contactName, phone: b.contactPhone, email: b.contactEmail, language: b.language },
      priceKrw: b.priceKrw,
      priceRuleVersion: b.priceRuleVersion,
      cancellationFeeKrw: b.cancellationFeeKrw,
      vehicleId: b.vehicleId,
      courierStaffId: b.courierStaffId,
      plannedPickupAt: b.plannedPickupAt?.toISOString() ?? null,
      plannedDeliveryAt: b.plannedDeliveryAt?.toISOString() ?? null,
      atRisk: b.atRisk,
      atRiskReason: b.atRiskReason,
      // The planner writes "<CODE>: <English text>" (luggage-planner.ts).
      atRiskCode: riskCode(b.atRiskReason),
      pinAttempts: b.pinAttempts,
      handoverLocked: b.handoverLockedAt !== null,
      failureReason: b.failureReason,
      ...(custody ? { custody: custody.map((e) => CustodyEventDto.from(e)) } : {}),
    };
  }
}
