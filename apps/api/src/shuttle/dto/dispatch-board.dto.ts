import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, isUUID, IsUUID, Max, Min, ValidateBy } from 'class-validator';
import type { MovePreview } from '@app/contract';

/** `{ [vehicleId]: version }` as returned by the preview (at most the two vans of a move). */
const IsPlanVersions = () =>
  ValidateBy({
    name: 'isPlanVersions',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length <= 2 &&
        Object.entries(value).every(([k, v]) => isUUID(k) && Number.isInteger(v) && (v as number) >= 0),
      defaultMessage: () => 'planVersions must map at most two van ids to plan versions (non-negative integers)',
    },
  });

export class DispatchRidesQueryDto {
  @ApiProperty({ description: 'Service area (one you dispatch)' })
  @IsUUID()
  areaId: string;

  @ApiPropertyOptional({
    enum: ['current', 'past'],
    description:
      'current = not yet finished (scheduled, requested, assigned, arrived, on board); past = finished. Default: both.',
  })
  @IsOptional()
  @IsIn(['current', 'past'])
  scope?: 'current' | 'past';

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 200, description: 'At most this many rides, newest first' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({
    description:
      'Next page: rides requested before this instant (the `times.requestedAt` of the last ride of the previous page)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  before?: string;
}

export class MoveRideDto {
  @ApiProperty({ description: 'The van to move the ride to (on shift and online, in the ride’s area)' })
  @IsUUID()
  vehicleId: string;
}

export class ConfirmMoveDto extends MoveRideDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description:
      'The `planVersions` of the preview the dispatcher confirmed: the move is refused (409 PLAN_CHANGED) when either van was re-planned since, so what was shown is what happens.',
  })
  @IsOptional()
  @IsPlanVersions()
  planVersions?: Record<string, number>;
}

export class MoveAffectedDto {
  @ApiProperty() rideId: string;
  @ApiProperty({ description: 'The van the rider is on' }) vehicleId: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Change of the planned pickup (s; negative = earlier); null when on board',
  })
  pickupEtaChangeS: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Change of the planned drop-off (s)' }) dropoffEtaChangeS:
    number | null;
  @ApiProperty({ description: 'Drop-off change in seconds (pickup change when there is no drop-off)' })
  etaChangeS: number;
  @ApiProperty({ description: 'How much later this rider is picked up or arrives (s, 0 if not later)' }) delayS: number;
}

export class MovePreviewDto implements MovePreview {
  @ApiProperty() rideId: string;
  @ApiProperty({ description: 'Whether the target van can take the ride without breaking any promise' })
  feasible: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'PICKUP_WINDOW',
    description: "The engine's reason code when infeasible",
  })
  code: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'Cost added on the target van minus the cost the ride adds to its present van (driving s + weighted rider delay s)',
  })
  costDelta: number | null;
  @ApiProperty({ example: 'from 무빙콜 1호 to 무빙콜 2호: pickup on time, no delay for other riders' }) reason: string;
  @ApiProperty({ nullable: true, type: String }) fromVehicleId: string | null;
  @ApiProperty() toVehicleId: string;
  @ApiProperty({ nullable: true, type: String, description: 'Planned pickup on the target van' }) etaPickupAt:
    string | null;
  @ApiProperty({ nullable: true, type: String }) etaDropoffAt: string | null;
  @ApiProperty({ type: [MoveAffectedDto], description: 'Riders of both vans whose times change by 30 s or more' })
  affected: MoveAffectedDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Plan versions the preview was computed on',
  })
  planVersions: Record<string, number>;
}
