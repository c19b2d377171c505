import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ServiceAreaEntity } from '@app/database';
import { HolidayRule, ServiceKind } from '@app/domain';
import { BilingualNameDto } from '../common/common.dto';
import type { AdminArea } from '@app/contract';

export class WindowInputDto {
  @ApiProperty({ example: '10:00' }) @IsString() @MaxLength(5) opens: string;
  @ApiProperty({ example: '17:00' }) @IsString() @MaxLength(5) closes: string;
}

export class WeeklyWindowInputDto extends WindowInputDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday, Monday = 1' }) @IsInt() weekday: number;
}

export class HolidayInputDto {
  @ApiProperty({ example: '2026-12-25' }) @IsString() @MaxLength(10) date: string;
  @ApiPropertyOptional({ type: BilingualNameDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BilingualNameDto)
  name?: BilingualNameDto;
  @ApiPropertyOptional({ type: [WindowInputDto], description: 'Absent or empty: closed all day' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => WindowInputDto)
  hours?: WindowInputDto[];
}

/** Dispatch knobs. Ranges here; relations between them in libs/domain. */
export class AreaSettingsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 90 }) @IsOptional() @IsInt() @Min(1) @Max(90) bookingHorizonDays?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 120 }) @IsOptional() @IsInt() @Min(1) @Max(120) maxWaitMin?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'max ride time = alpha × direct + beta' })
  @IsOptional()
  @IsNumber()
  @Max(5)
  rideTimeAlpha?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 120 }) @IsOptional() @IsInt() @Min(0) @Max(120) rideTimeBetaMin?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 600 }) @IsOptional() @IsInt() @Min(0) @Max(600) dwellS?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 30 }) @IsOptional() @IsInt() @Min(1) @Max(30) noShowAfterMin?: number;
  @ApiPropertyOptional({ example: '10:00', description: 'Latest local time for a same-day booking' })
  @IsOptional()
  @IsString()
  @MaxLength(5)
  sameDayCutoff?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 10080, description: 'Minimum minutes between booking and pickup' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10080)
  bookingLeadMin?: number;
  @ApiPropertyOptional({
    description:
      "A simulator's own area: hidden from the public catalogue and from look-ups by position, so no person's booking lands in it",
  })
  @IsOptional()
  @IsBoolean()
  simulation?: boolean;
}

export class CreateAreaDto {
  @ApiProperty({ example: 'geomdan-west', description: 'Stable key: lower-case letters, digits, dashes' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,39}$/, { message: 'code must be 2-40 lower-case letters, digits or dashes' })
  code: string;
  @ApiProperty({ type: BilingualNameDto }) @ValidateNested() @Type(() => BilingualNameDto) name: BilingualNameDto;
  @ApiProperty({ enum: ServiceKind }) @IsEnum(ServiceKind) kind: ServiceKind;
  @ApiProperty({ description: 'GeoJSON Polygon (or a Feature / one-feature FeatureCollection of one), [lng, lat]' })
  @IsObject()
  boundary: Record<string, unknown>;
  @ApiPropertyOptional({ example: 'Asia/Seoul' }) @IsOptional() @IsString() @MaxLength(40) timezone?: string;
  @ApiProperty({ type: [WeeklyWindowInputDto] })
  @IsArray()
  @ArrayMaxSize(28)
  @ValidateNested({ each: true })
  @Type(() => WeeklyWindowInputDto)
  serviceHours: WeeklyWindowInputDto[];
  @ApiPropertyOptional({ type: [HolidayInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(400)
  @ValidateNested({ each: true })
  @Type(() => HolidayInputDto)
  holidays?: HolidayInputDto[];
  @ApiPropertyOptional({ type: AreaSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AreaSettingsDto)
  settings?: AreaSettingsDto;
}

export class UpdateAreaDto {
  @ApiPropertyOptional({ type: BilingualNameDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BilingualNameDto)
  name?: BilingualNameDto;
  @ApiPropertyOptional({ description: 'GeoJSON Polygon; every active place must stay inside' })
  @IsOptional()
  @IsObject()
  boundary?: Record<string, unknown>;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) timezone?: string;
  @ApiPropertyOptional({ type: [WeeklyWindowInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(28)
  @ValidateNested({ each: true })
  @Type(() => WeeklyWindowInputDto)
  serviceHours?: WeeklyWindowInputDto[];
  @ApiPropertyOptional({ type: [HolidayInputDto], description: 'Replaces the whole list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(400)
  @ValidateNested({ each: true })
  @Type(() => HolidayInputDto)
  holidays?: HolidayInputDto[];
  @ApiPropertyOptional({ type: AreaSettingsDto, description: 'Merged into the current settings' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AreaSettingsDto)
  settings?: AreaSettingsDto;
}

export class AdminAreaDto implements AdminArea {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: BilingualNameDto }) name: BilingualNameDto;
  @ApiProperty({ enum: ServiceKind }) kind: ServiceKind;
  @ApiProperty() timezone: string;
  @ApiProperty({ description: 'GeoJSON Polygon' }) boundary: unknown;
  @ApiProperty({ type: [WeeklyWindowInputDto] }) serviceHours: WeeklyWindowInputDto[];
  @ApiProperty({ type: [HolidayInputDto] }) holidays: HolidayRule[];
  @ApiProperty({ description: 'Dispatch knobs (horizon, max wait, ride-time factors, cutoffs, …)' }) settings: Record<
    string,
    unknown
  >;
  @ApiProperty() updatedAt: string;
}

export const HOLIDAYS_KEY = 'holidays';

export function toAdminArea(area: ServiceAreaEntity): AdminAreaDto {
  const { [HOLIDAYS_KEY]: holidays, ...settings } = area.settings ?? {};
  return {
    id: area.id,
    code: area.code,
    name: { ko: area.nameKo, en: area.nameEn },
    kind: area.kind,
    timezone: area.timezone,
    boundary: area.boundary,
    serviceHours: area.serviceHours,
    holidays: Array.isArray(holidays) ? (holidays as HolidayRule[]) : [],
    settings,
    updatedAt: area.updatedAt.toISOString(),
  };
}
