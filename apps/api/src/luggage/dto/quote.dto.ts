import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Equals,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsPhoneNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { LuggageBookingCreated, LuggageDirectionName, LuggageStatusName, Quote } from '@app/contract';

export class BagCountsDto {
  @ApiProperty({ description: 'Cabin-size bags', minimum: 0, maximum: 20 })
  @IsInt()
  @Min(0)
  @Max(20)
  carry_on: number;

  @ApiProperty({ description: 'Checked suitcases', minimum: 0, maximum: 20 })
  @IsInt()
  @Min(0)
  @Max(20)
  suitcase: number;

  @ApiProperty({ description: 'Oversize items: golf bags, skis, strollers', minimum: 0, maximum: 20 })
  @IsInt()
  @Min(0)
  @Max(20)
  oversize: number;
}

/** A home (or any address off the catalogue): the text the courier reads and the point on the map. */
export class AddressDto {
  @ApiProperty({
    example: '인천 서구 완정로 100, 101동 1203호',
    description: 'The address as the courier should read it (building, unit, gate code…)',
  })
  @IsString()
  @MinLength(4)
  @MaxLength(200)
  text: string;

  @ApiProperty({ example: 37.5955 }) @IsNumber() @Min(-90) @Max(90) lat: number;
  @ApiProperty({ example: 126.6731 }) @IsNumber() @Min(-180) @Max(180) lng: number;
}

export class QuoteRequestDto {
  @ApiPropertyOptional({
    example: 'h-lotte-seoul',
    description:
      'Place code of the pickup (hotel or airport terminal; see GET /v1/areas/{id}/places), or give originAddress',
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  origin?: string;

  @ApiPropertyOptional({ type: AddressDto, description: 'A home or other address as the pickup, instead of origin' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  originAddress?: AddressDto;

  @ApiPropertyOptional({
    example: 'icn-t1',
    description: 'Place code of the delivery, or give destinationAddress; exactly one side is an airport terminal',
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  destination?: string;

  @ApiPropertyOptional({
    type: AddressDto,
    description: 'A home or other address as the delivery, instead of destination',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  destinationAddress?: AddressDto;

  @ApiProperty({ type: BagCountsDto })
  @ValidateNested()
  @Type(() => BagCountsDto)
  bags: BagCountsDto;

  @ApiProperty({ example: 'KE123', description: 'IATA flight number' })
  @Matches(/^[A-Z0-9]{2}[A-Z]?\d{1,4}[A-Z]?$/, { message: 'flightNumber must look like KE123' })
  flightNumber: string;

  @ApiProperty({
    example: '2026-11-24T16:30:00+09:00',
    description: 'Departure (to the airport) or arrival (from the airport), with offset',
  })
  @IsISO8601({ strict: true, strictSeparator: true })
  flightAt: string;

  @ApiPropertyOptional({
    description: 'To the airport: when the bags are ready at the hotel (default: as early as possible)',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  readyAt?: string;
}

export class WindowDto {
  @ApiProperty() start: string;
  @ApiProperty() end: string;
}

export class PlaceRefDto {
  @ApiProperty({ nullable: true, type: String, description: 'null for an address given by the traveller' }) code:
    string | null;
  @ApiProperty() nameKo: string;
  @ApiProperty() nameEn: string;
}

export class PriceBreakdownDto {
  @ApiProperty() baseKrw: number;
  @ApiProperty() bagsKrw: number;
  @ApiProperty() zone: string;
  @ApiProperty() zoneSurchargeKrw: number;
  @ApiProperty() totalKrw: number;
}

export class QuoteDto implements Quote {
  @ApiProperty({ description: 'Signed offer; send it back unchanged with the booking' }) quoteToken: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ enum: ['to_airport', 'from_airport'] }) direction: LuggageDirectionName;
  @ApiProperty({ type: PlaceRefDto }) origin: PlaceRefDto;
  @ApiProperty({ type: PlaceRefDto }) destination: PlaceRefDto;
  @ApiProperty({ description: 'Integer KRW' }) priceKrw: number;
  @ApiProperty({ type: PriceBreakdownDto }) breakdown: PriceBreakdownDto;
  @ApiProperty() priceRuleVersion: number;
  @ApiProperty({ description: 'Local date (Asia/Seoul) of the service' }) serviceDate: string;
  @ApiProperty({ type: WindowDto }) pickupWindow: WindowDto;
  @ApiProperty({ type: WindowDto }) deliveryWindow: WindowDto;
  @ApiProperty({ description: 'Latest delivery' }) deadline: string;
  @ApiProperty({ description: 'The same-day slot had passed; this is the next feasible one' }) nextSlotOffered: boolean;
}

export class ContactDto {
  @ApiProperty({ example: 'Emma Lee' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: '+82 10-1234-5678', description: 'Korean or international number' })
  @IsPhoneNumber('KR', { message: 'contact.phone must be a valid phone number' })
  phone: string;

  @ApiProperty({ example: 'emma@example.com' })
  @IsEmail({}, { message: 'contact.email must be a valid email address' })
  @MaxLength(254)
  email: string;
}

export class CreateLuggageBookingDto extends QuoteRequestDto {
  @ApiProperty({ description: 'The quoteToken from POST /v1/luggage/quotes' })
  @IsString()
  @MaxLength(4000)
  quoteToken: string;

  @ApiProperty({ type: ContactDto })
  @ValidateNested()
  @Type(() => ContactDto)
  contact: ContactDto;

  @ApiProperty({ enum: ['ko', 'en'] })
  @IsIn(['ko', 'en'])
  language: 'ko' | 'en';

  @ApiProperty({
    description:
      'The traveller confirms that no prohibited items (batteries, valuables, liquids…) are in the bags; must be true',
  })
  @IsBoolean()
  @Equals(true, { message: 'prohibitedItemsConfirmed must be true' })
  prohibitedItemsConfirmed: boolean;
}

export class LuggageBookingCreatedDto implements LuggageBookingCreated {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'FL-7K3Q9M' }) reference: string;
  @ApiProperty({ description: 'Handover PIN: give it to the courier at delivery. Shown once.' }) pin: string;
  @ApiProperty({ description: 'Tracking token (the only credential of the tracking link). Shown once.' })
  trackingToken: string;
  @ApiProperty({ description: 'The tracking page to share with the traveller: `<public url>/track/<token>`' })
  trackingUrl: string;
  // `type: String`: the contract's word types are erased, so the document cannot read them from the property.
  @ApiProperty({ type: String }) status: LuggageStatusName;
  @ApiProperty() priceKrw: number;
  @ApiProperty() serviceDate: string;
  @ApiProperty({ type: WindowDto }) pickupWindow: WindowDto;
  @ApiProperty({ type: WindowDto }) deliveryWindow: WindowDto;
  @ApiProperty() deadline: string;
}
