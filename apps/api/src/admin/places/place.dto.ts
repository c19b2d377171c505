import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { PlaceEntity } from '@app/database';
import { PlaceKind } from '@app/domain';
import { BilingualNameDto } from '../common/common.dto';
import type { AdminPlace } from '@app/contract';

export class PlaceQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() areaId?: string;
  @ApiPropertyOptional({ description: 'Include retired places' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  includeRetired?: boolean;
}

export class CreatePlaceDto {
  @ApiPropertyOptional({ description: 'Omit to use the one area whose boundary contains the point' })
  @IsOptional()
  @IsUUID()
  areaId?: string;
  @ApiProperty({ example: 'gd-west-gate' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,59}$/, { message: 'code must be 2-60 lower-case letters, digits or dashes' })
  code: string;
  @ApiProperty({ type: BilingualNameDto }) @ValidateNested() @Type(() => BilingualNameDto) name: BilingualNameDto;
  @ApiProperty({ enum: PlaceKind }) @IsEnum(PlaceKind) kind: PlaceKind;
  @ApiProperty({ example: 37.5982 }) @IsLatitude() lat: number;
  @ApiProperty({ example: 126.6335 }) @IsLongitude() lng: number;
  @ApiProperty({ description: 'A shuttle stop riders can board at' }) @IsBoolean() isStop: boolean;
  @ApiPropertyOptional({ example: '인천 서구 오류동 1234' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  addressKo?: string;
}

export class UpdatePlaceDto {
  @ApiPropertyOptional({ type: BilingualNameDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BilingualNameDto)
  name?: BilingualNameDto;
  @ApiPropertyOptional({ enum: PlaceKind }) @IsOptional() @IsEnum(PlaceKind) kind?: PlaceKind;
  @ApiPropertyOptional({ description: 'Move: give lat and lng together' }) @IsOptional() @IsLatitude() lat?: number;
  @ApiPropertyOptional() @IsOptional() @IsLongitude() lng?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isStop?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) addressKo?: string;
}

export class AdminPlaceDto implements AdminPlace {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() areaId: string;
  @ApiProperty({ type: BilingualNameDto }) name: BilingualNameDto;
  @ApiProperty({ enum: PlaceKind }) kind: PlaceKind;
  @ApiProperty() lat: number;
  @ApiProperty() lng: number;
  @ApiProperty() isStop: boolean;
  @ApiProperty({ nullable: true, type: String }) addressKo: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Retired places take no new bookings' }) retiredAt:
    string | null;

  static from(p: PlaceEntity): AdminPlaceDto {
    return {
      id: p.id,
      code: p.code,
      areaId: p.areaId,
      name: { ko: p.nameKo, en: p.nameEn },
      kind: p.kind,
      lat: p.lat,
      lng: p.lng,
      isStop: p.isStop,
      addressKo: p.addressKo,
      retiredAt: p.retiredAt?.toISOString() ?? null,
    };
  }
}
