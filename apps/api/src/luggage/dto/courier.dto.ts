import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { LuggageExceptionType } from '@app/domain';
import type { CourierTask, CustodyStepResult, LuggageDirectionName, LuggageStatusName } from '@app/contract';

/** Multipart sends strings: numbers and booleans are converted before validation. */
const toNumber = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const toList = ({ value }: { value: unknown }) => {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return value;
  const s = value.trim();
  if (s.startsWith('[')) {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      return value;
    }
  }
  return s.split(',').map((x) => x.trim());
};

export class PositionInputDto {
  @ApiPropertyOptional() @IsOptional() @Transform(toNumber) @IsLatitude() lat?: number;
  @ApiPropertyOptional() @IsOptional() @Transform(toNumber) @IsLongitude() lng?: number;

  @ApiPropertyOptional({
    description:
      'When the step really happened (ISO instant), for steps queued on the phone without signal. Default: now. At most 2 min ahead (OCCURRED_AT_IN_FUTURE), not before the previous custody step (OCCURRED_AT_TOO_EARLY).',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}

export class CourierPositionDto {
  @ApiProperty() @IsLatitude() lat: number;
  @ApiProperty() @IsLongitude() lng: number;
}

export class PickupFormDto extends PositionInputDto {
  @ApiProperty({ description: 'Bags the courier counted' })
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(50)
  bagCount: number;

  @ApiProperty({
    type: [String],
    description: 'Tag code per bag, in the order of the photos (JSON array or comma-separated)',
    example: '["FL-T-0001","FL-T-0002"]',
  })
  @Transform(toList)
  @IsString({ each: true })
  @Matches(/^[A-Z0-9-]{4,40}$/, { each: true, message: 'each tag must be 4–40 of A–Z, 0–9, -' })
  tags: string[];

  @ApiPropertyOptional({ type: [String], description: 'Damage note per bag ("" for none), same order' })
  @IsOptional()
  @Transform(toList)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  damageNotes?: string[];

  @ApiPropertyOptional({
    description: 'The count differs from the booking and the courier confirms it (recorded as an exception)',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  countMismatchConfirmed?: boolean;
}

export class CounterSignatureDto {
  @ApiProperty({ description: 'Name of the airport counter agent who signed' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  signedBy: string;
  @ApiProperty({ description: 'Counter or desk code, e.g. "T1-A12"' })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  counter: string;
}

export class DeliverDto extends PositionInputDto {
  @ApiPropertyOptional({ description: "The recipient's six-digit PIN" })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'pin must be six digits' })
  pin?: string;

  @ApiPropertyOptional({ type: CounterSignatureDto, description: 'Alternative to the PIN at an airport counter' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CounterSignatureDto)
  counterSignature?: CounterSignatureDto;
}

export class ExceptionDto extends PositionInputDto {
  @ApiProperty({ enum: Object.values(LuggageExceptionType) })
  @IsIn(Object.values(LuggageExceptionType))
  type: LuggageExceptionType;

  @ApiProperty({ description: "What happened, in the courier's words" })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  reason: string;

  @ApiPropertyOptional({ description: 'Bag count mismatch: the bags actually there' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(50)
  actualBagCount?: number;
}

export class CourierTaskDto implements CourierTask {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  // `type: String`: the contract's word types are erased, so the document cannot read them from the property.
  @ApiProperty({ type: String }) status: LuggageStatusName;
  @ApiProperty({ type: String }) direction: LuggageDirectionName;
  @ApiProperty() origin: { code: string; nameKo: string; nameEn: string; lat: number; lng: number };
  @ApiProperty() destination: { code: string; nameKo: string; nameEn: string; lat: number; lng: number };
  @ApiProperty() bags: { carry_on: number; suitcase: number; oversize: number; total: number };
  @ApiProperty() flightNumber: string;
  @ApiProperty() pickupWindow: { start: string; end: string };
  @ApiProperty() deadline: string;
  @ApiProperty({ nullable: true, type: String }) plannedPickupAt: string | null;
  @ApiProperty({ nullable: true, type: String }) plannedDeliveryAt: string | null;
  @ApiProperty() contact: { name: string; phone: string; language: string };
  @ApiProperty() handoverLocked: boolean;
  @ApiProperty() atRisk: boolean;
}

export class CustodyStepResultDto implements CustodyStepResult {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ type: String }) status: LuggageStatusName;
  @ApiProperty() version: number;
}
