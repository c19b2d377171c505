import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PlaceEntity, RideEntity, RideEventEntity, VehicleEntity } from '@app/database';
import { RideStatus, RideTimeMode } from '@app/domain';
import type { Ride, RideStatusName } from '@app/contract';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export class BilingualNameDto {
  @ApiProperty({ example: '검단오류역' }) ko: string;
  @ApiProperty({ example: 'Geomdan-Oryu Station' }) en: string;
}

export class RideStopDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: BilingualNameDto }) name: BilingualNameDto;
  @ApiProperty() lat: number;
  @ApiProperty() lng: number;
}

export class RideVehicleDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '무빙콜 1호' }) label: string;
  @ApiProperty({ example: '인천 70바 1201' }) plate: string;
}

export class TimeWindowDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
}

export class RideTimesDto {
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, type: String }) assignedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) arrivedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) pickedUpAt: string | null;
  @ApiProperty({ nullable: true, type: String }) droppedOffAt: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelledAt: string | null;
}

export class RideAlternativeDto {
  @ApiProperty({ description: 'A pickup time that could be served now' }) pickupAt: string;
}

export class RideRejectionDto {
  @ApiProperty({ example: 'NO_VEHICLE_CAPACITY' }) code: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: [RideAlternativeDto], maxItems: 3 }) alternatives: RideAlternativeDto[];
}

export class RideEventDto {
  @ApiProperty({ enum: RideStatus }) status: string;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'When it actually happened' }) at: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class RideDto implements Ride {
  @ApiProperty() id: string;
  @ApiProperty() areaId: string;
  @ApiProperty({ enum: RideStatus }) status: RideStatusName;
  @ApiProperty({ description: 'Grows on every change; live events carry it too' }) version: number;
  @ApiProperty({ enum: ['app', 'phone'] }) channel: 'app' | 'phone';
  @ApiProperty({ type: RideStopDto }) pickup: RideStopDto;
  @ApiProperty({ type: RideStopDto }) dropoff: RideStopDto;
  @ApiProperty({ description: "The rider's name (a phone booking: the caller's), so the board names people, not ids" })
  riderName: string;
  @ApiProperty() passengers: number;
  @ApiProperty({ type: [String] }) needs: string[];
  @ApiProperty({ enum: RideTimeMode }) timeMode: string;
  @ApiProperty() requestedTime: string;
  @ApiProperty({ type: RideVehicleDto, nullable: true }) vehicle: RideVehicleDto | null;
  @ApiProperty({ type: TimeWindowDto, nullable: true, description: 'Promised pickup window' })
  promisedPickup: TimeWindowDto | null;
  @ApiProperty({ nullable: true, type: String }) etaPickupAt: string | null;
  @ApiProperty({ nullable: true, type: String }) etaDropoffAt: string | null;
  @ApiProperty({ type: RideTimesDto }) times: RideTimesDto;
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty() lateCancel: boolean;
  @ApiProperty({ type: RideRejectionDto, nullable: true }) rejection: RideRejectionDto | null;
  @ApiPropertyOptional({ type: [RideEventDto], description: 'Status history (single-ride reads only)' })
  history?: RideEventDto[];

  static from(
    ride: RideEntity,
    places: Map<string, PlaceEntity>,
    vehicle: VehicleEntity | null | undefined,
    events?: RideEventEntity[],
    riderName = '',
  ): RideDto {
    const stop = (id: string): RideStopDto => {
      const p = places.get(id)!;
      return { id: p.id, name: { ko: p.nameKo, en: p.nameEn }, lat: p.lat, lng: p.lng };
    };
    const assignedAt = events?.find((e) => e.status === RideStatus.Assigned)?.occurredAt ?? null;
    return {
      id: ride.id,
      areaId: ride.areaId,
      status: ride.status,
      version: ride.version,
      channel: ride.channel,
      pickup: stop(ride.pickupPlaceId),
      dropoff: stop(ride.dropoffPlaceId),
      riderName,
      passengers: ride.passengers,
      needs: ride.needs,
      timeMode: ride.timeMode,
      requestedTime: ride.requestedTime.toISOString(),
      vehicle: vehicle ? { id: vehicle.id, label: vehicle.label, plate: vehicle.plate } : null,
      promisedPickup:
        ride.promisedPickupFrom && ride.promisedPickupTo
          ? { from: ride.promisedPickupFrom.toISOString(), to: ride.promisedPickupTo.toISOString() }
          : null,
      etaPickupAt: iso(ride.etaPickupAt),
      etaDropoffAt: iso(ride.etaDropoffAt),
      times: {
        requestedAt: ride.createdAt.toISOString(),
        assignedAt: iso(assignedAt),
        arrivedAt: iso(ride.arrivedAt),
        pickedUpAt: iso(ride.pickedUpAt),
        droppedOffAt: iso(ride.droppedOffAt),
        cancelledAt: iso(ride.cancelledAt),
      },
      cancelReason: ride.cancelReason,
      lateCancel: ride.lateCancel,
      rejection: ride.rejectionCode
        ? {
            code: ride.rejectionCode,
            reason: ride.rejectionReason ?? '',
            alternatives: ride.alternatives.map((a) => ({ pickupAt: a.pickupAt })),
          }
        : null,
      ...(events
        ? {
            history: events.map((e) => ({
              status: e.status,
              version: e.version,
              at: e.occurredAt.toISOString(),
              note: e.note,
            })),
          }
        : {}),
    };
  }
}

export class DispatchDecisionDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'assigned' }) outcome: string;
  @ApiProperty({ nullable: true, type: String }) vehicleId: string | null;
  @ApiProperty({ nullable: true, type: String }) code: string | null;
  @ApiProperty({ example: '무빙콜 1호: pickup on time, +4 min for 2 riders already planned' }) reason: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Added van seconds + weighted rider delay' }) costDelta:
    number | null;
  @ApiProperty() at: string;
}
