import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsISO8601, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { ShiftEntity } from '@app/database';
import { ShiftStatus } from '@app/domain';
import type { AdminShift } from '@app/contract';

export class BreakDto {
  @ApiProperty({ example: '2026-11-25T03:00:00Z' }) @IsISO8601({ strict: true }) start: string;
  @ApiProperty({ example: '2026-11-25T03:30:00Z' }) @IsISO8601({ strict: true }) end: string;
}

export class ShiftQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() areaId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() staffId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() vehicleId?: string;
  @ApiPropertyOptional({ description: 'Shifts ending after this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;
  @ApiPropertyOptional({ description: 'Shifts starting before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
  @ApiPropertyOptional({ description: 'Include ended and cancelled shifts' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  includeClosed?: boolean;
}

export class CreateShiftDto {
  @ApiProperty() @IsUUID() staffId: string;
  @ApiProperty() @IsUUID() vehicleId: string;
  @ApiProperty({ example: '2026-11-25T00:30:00Z' }) @IsISO8601({ strict: true }) plannedStart: string;
  @ApiProperty({ example: '2026-11-25T09:00:00Z' }) @IsISO8601({ strict: true }) plannedEnd: string;
  @ApiPropertyOptional({ type: [BreakDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => BreakDto)
  breaks?: BreakDto[];
}

export class UpdateShiftDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() staffId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() vehicleId?: string;
  @ApiPropertyOptional({ description: 'Later than before = starts late: its work is re-planned' })
  @IsOptional()
  @IsISO8601({ strict: true })
  plannedStart?: string;
  @ApiPropertyOptional({ description: 'Earlier than before = ends early: its work is re-planned' })
  @IsOptional()
  @IsISO8601({ strict: true })
  plannedEnd?: string;
  @ApiPropertyOptional({ type: [BreakDto], description: 'Replaces all breaks' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => BreakDto)
  breaks?: BreakDto[];
}

export class AdminShiftDto implements AdminShift {
  @ApiProperty() id: string;
  @ApiProperty() staffId: string;
  @ApiProperty() vehicleId: string;
  @ApiProperty() areaId: string;
  @ApiProperty() plannedStart: string;
  @ApiProperty() plannedEnd: string;
  @ApiProperty({ type: [BreakDto] }) breaks: Array<{ start: string; end: string }>;
  @ApiProperty({ enum: ShiftStatus }) status: ShiftStatus;
  @ApiProperty({ nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) endedAt: string | null;

  static from(s: ShiftEntity): AdminShiftDto {
    return {
      id: s.id,
      staffId: s.staffId,
      vehicleId: s.vehicleId,
      areaId: s.areaId,
      plannedStart: s.plannedStart.toISOString(),
      plannedEnd: s.plannedEnd.toISOString(),
      breaks: s.breaks,
      status: s.status,
      startedAt: s.startedAt?.toISOString() ?? null,
      endedAt: s.endedAt?.toISOString() ?? null,
    };
  }
}
