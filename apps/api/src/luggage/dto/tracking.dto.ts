import { ApiProperty } from '@nestjs/swagger';
import { PlaceRefDto, WindowDto } from './quote.dto';
import type { CancelResult, CustodyStep, LuggageDirectionName, LuggageStatusName, Tracking } from '@app/contract';

export class PositionDto {
  @ApiProperty() lat: number;
  @ApiProperty() lng: number;
  @ApiProperty() at: string;
}

export class TrackingCourierDto {
  @ApiProperty({ description: 'First name only' }) firstName: string;
  @ApiProperty({
    type: PositionDto,
    nullable: true,
    description: 'Only while heading to the pickup or carrying the bags',
  })
  position: PositionDto | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The courier's phone, only while the delivery is under way (assigned until delivered)",
  })
  phone: string | null;
}

export class TrackingCancellationDto {
  @ApiProperty({ description: 'Whether the traveller may still cancel' }) allowed: boolean;
  @ApiProperty({ description: 'Fee a cancellation now records (0: free)' }) feeKrw: number;
}

export class TrackingStepDto {
  // `type: String`: the contract's word types are erased, so the document cannot read them from the property.
  @ApiProperty({ type: String }) type: CustodyStep;
  @ApiProperty() at: string;
}

/** A place of the traveller's own booking, with its point for the map (a home is in no catalogue). */
export class TrackedPlaceDto extends PlaceRefDto {
  @ApiProperty() lat: number;
  @ApiProperty() lng: number;
}

export class TrackingDto implements Tracking {
  @ApiProperty() reference: string;
  @ApiProperty({ type: String }) status: LuggageStatusName;
  @ApiProperty() version: number;
  @ApiProperty({ type: String }) direction: LuggageDirectionName;
  @ApiProperty({ type: TrackedPlaceDto }) origin: TrackedPlaceDto;
  @ApiProperty({ type: TrackedPlaceDto }) destination: TrackedPlaceDto;
  @ApiProperty() bags: number;
  @ApiProperty() serviceDate: string;
  @ApiProperty({ type: WindowDto }) pickupWindow: WindowDto;
  @ApiProperty() deadline: string;
  @ApiProperty({ nullable: true, type: String, description: 'Planned pickup before it, planned delivery after it' })
  etaAt: string | null;
  @ApiProperty({ description: 'No plan meets the deadline; our dispatchers are on it' }) atRisk: boolean;
  @ApiProperty({ type: TrackingCourierDto, nullable: true }) courier: TrackingCourierDto | null;
  @ApiProperty({ nullable: true, type: Number }) cancellationFeeKrw: number | null;
  @ApiProperty({
    type: TrackingCancellationDto,
    description: 'What cancelling now would do (free until the courier sets off)',
  })
  cancellation: TrackingCancellationDto;
  @ApiProperty({ type: [TrackingStepDto] }) steps: TrackingStepDto[];
}

export class CancelResultDto implements CancelResult {
  @ApiProperty() reference: string;
  @ApiProperty({ type: String }) status: LuggageStatusName;
  @ApiProperty({ description: 'Fee recorded (0 when free)' }) cancellationFeeKrw: number;
}
