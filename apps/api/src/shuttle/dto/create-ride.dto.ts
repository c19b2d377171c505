import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { RideTimeMode } from '@app/domain';

export const RIDE_NEEDS = ['wheelchair'] as const;

export class CreateRideDto {
  @ApiProperty({ description: 'Stop (place id) to be picked up at' })
  @IsUUID()
  pickupStopId: string;

  @ApiProperty({ description: 'Stop (place id) to be dropped off at' })
  @IsUUID()
  dropoffStopId: string;

  @ApiProperty({ minimum: 1, description: 'Riders travelling together; at most the seats of the largest van' })
  @IsInt()
  @Min(1)
  @Max(100)
  passengers: number;

  @ApiProperty({ enum: RideTimeMode, description: 'now, depart_at (pickup from `at`) or arrive_by (drop-off by `at`)' })
  @IsEnum(RideTimeMode)
  timeMode: RideTimeMode;

  @ApiPropertyOptional({ description: 'ISO instant; required unless timeMode = now', example: '2026-11-24T02:30:00Z' })
  @ValidateIf((o: CreateRideDto) => o.timeMode !== RideTimeMode.Now)
  @IsISO8601({ strict: true })
  at?: string;

  @ApiPropertyOptional({ enum: RIDE_NEEDS, isArray: true, description: 'wheelchair → only accessible vans' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(RIDE_NEEDS, { each: true })
  needs?: string[];
}

export class PhoneBookingDto extends CreateRideDto {
  @ApiProperty({ example: '김민지', description: "The caller's name" })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  callerName: string;

  @ApiProperty({ example: '010-1234-5678', description: "The caller's phone number (their rides are kept under it)" })
  @Matches(/^\+?[0-9][0-9 -]{6,18}[0-9]$/, { message: 'callerPhone must be a phone number' })
  callerPhone: string;
}

export class CancelRideDto {
  @ApiProperty({ example: 'plans changed', description: 'Why the ride is cancelled' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  reason: string;
}

export class RidesQueryDto {
  @ApiPropertyOptional({ enum: ['current', 'past'], description: 'current = not yet finished; past = finished' })
  @IsOptional()
  @IsIn(['current', 'past'])
  scope?: 'current' | 'past';
}
