import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Max, ValidateIf } from 'class-validator';
import { VehicleEntity } from '@app/database';
import type { AdminVehicle } from '@app/contract';

export class VehicleQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() areaId?: string;
}

export class CreateVehicleDto {
  @ApiProperty() @IsUUID() areaId: string;
  @ApiProperty({ example: '인천 70바 1204' }) @IsString() @Length(2, 20) plate: string;
  @ApiProperty({ example: '무빙콜 4호' }) @IsString() @Length(1, 60) label: string;
  /** Range is a domain rule (VEHICLE_CAPACITY_INVALID), so the error says what to fix. */
  @ApiProperty({ example: 11, minimum: 0 }) @IsInt() @Max(60) seats: number;
  @ApiProperty({ example: 0, minimum: 0 }) @IsInt() @Max(200) bagSlots: number;
  @ApiProperty() @IsBoolean() wheelchairAccessible: boolean;
  @ApiPropertyOptional({ nullable: true, description: 'Home depot: a place of the same area' })
  @IsOptional()
  @IsUUID()
  homePlaceId?: string;
}

export class UpdateVehicleDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 20) plate?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 60) label?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Max(60) seats?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Max(200) bagSlots?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() wheelchairAccessible?: boolean;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  homePlaceId?: string | null;
}

export class AdminVehicleDto implements AdminVehicle {
  @ApiProperty() id: string;
  @ApiProperty() areaId: string;
  @ApiProperty() plate: string;
  @ApiProperty() label: string;
  @ApiProperty() seats: number;
  @ApiProperty() bagSlots: number;
  @ApiProperty() wheelchairAccessible: boolean;
  @ApiProperty({ nullable: true, type: String }) homePlaceId: string | null;
  @ApiProperty() inService: boolean;

  static from(v: VehicleEntity): AdminVehicleDto {
    return {
      id: v.id,
      areaId: v.areaId,
      plate: v.plate,
      label: v.label,
      seats: v.seats,
      bagSlots: v.bagSlots,
      wheelchairAccessible: v.wheelchairAccessible,
      homePlaceId: v.homePlaceId,
      inService: v.inService,
    };
  }
}

export class VehicleServiceChangeDto {
  @ApiProperty({ type: AdminVehicleDto }) vehicle: AdminVehicleDto;
  @ApiProperty({ description: 'Open rides and luggage bookings handed to the dispatcher to re-plan' }) openWork: {
    rides: number;
    luggageBookings: number;
  };
}
