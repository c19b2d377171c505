import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { BilingualNameDto } from '../../shuttle/dto/ride.dto';
import type { DriverShift, Manifest, ManifestStop, RideStatusName } from '@app/contract';

export class StartShiftDto {
  @ApiPropertyOptional({ description: 'The shift to start; default: your planned shift covering now' })
  @IsOptional()
  @IsUUID()
  shiftId?: string;
}

export class DriverShiftDto implements DriverShift {
  @ApiProperty() shiftId: string;
  @ApiProperty() vehicleId: string;
  @ApiProperty() vehicleLabel: string;
  @ApiProperty() areaId: string;
  @ApiProperty() plannedEnd: string;
  @ApiProperty() online: boolean;
}

export class PostLocationDto {
  @ApiProperty({ example: 37.5982 })
  @IsNumber()
  @Min(-90)
  @Max(90)
  lat: number;

  @ApiProperty({ example: 126.6335 })
  @IsNumber()
  @Min(-180)
  @Max(180)
  lng: number;

  @ApiPropertyOptional({ description: 'Degrees clockwise from north' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(360)
  heading?: number;

  @ApiPropertyOptional({ description: 'Metres per second' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(70)
  speed?: number;

  @ApiProperty({ description: 'When the device measured the position (ISO instant)' })
  @IsISO8601({ strict: true })
  at: string;
}

export class ManifestRiderDto {
  @ApiProperty() rideId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty() passengers: number;
  @ApiProperty({ type: [String] }) needs: string[];
  // `type: String`: the contract's word types are erased, so the document cannot read them from the property.
  @ApiProperty({ type: String }) status: RideStatusName;
  @ApiProperty({ nullable: true, type: String, description: 'From when a no-show may be marked (after arrival)' })
  noShowAllowedAt: string | null;
}

export class ManifestStopDto implements ManifestStop {
  @ApiProperty({ enum: ['pickup', 'dropoff'] }) kind: 'pickup' | 'dropoff';
  @ApiProperty() placeId: string;
  @ApiProperty({ type: BilingualNameDto }) placeName: BilingualNameDto;
  @ApiProperty() lat: number;
  @ApiProperty() lng: number;
  @ApiProperty({ description: 'Planned start of service' }) eta: string;
  @ApiProperty({ type: ManifestRiderDto }) rider: ManifestRiderDto;
}

export class ManifestDto implements Manifest {
  @ApiProperty() vehicleId: string;
  @ApiProperty({ description: 'Plan version: grows on every change' }) version: number;
  @ApiProperty({ type: [ManifestStopDto], description: 'In driving order; the first is the one being driven to' })
  stops: ManifestStopDto[];
}

export class DriverRideActionDto {
  @ApiPropertyOptional({
    description:
      'When it really happened (ISO instant), for actions queued on the phone without signal and sent later. Default: now. At most 2 min ahead of the server clock (OCCURRED_AT_IN_FUTURE) and not before the previous step of the ride (OCCURRED_AT_TOO_EARLY).',
    example: '2026-05-04T08:12:30.000Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
