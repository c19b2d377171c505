import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import type { DayFigures } from '@app/contract';

export class DayFiguresQueryDto {
  @ApiProperty({ description: 'Service area (one you dispatch)' })
  @IsUUID()
  areaId: string;

  @ApiPropertyOptional({
    example: '2026-12-03',
    description: "The area's calendar day (Asia/Seoul for every area today). Default: today.",
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date?: string;
}

export class OnTimeDto {
  @ApiProperty({ description: 'How many were on time' }) onTime: number;
  @ApiProperty({ description: 'Out of how many (finished ones)' }) of: number;
}

export class ShuttleDayFiguresDto {
  @ApiProperty({ description: 'Rides for the day that were completed (dropped off)' }) served: number;
  @ApiProperty({ description: 'Rides for the day the dispatcher could not serve' }) rejected: number;
  @ApiProperty({ description: 'Rides for the day that were cancelled' }) cancelled: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Median wait in minutes: pickup − request (now-rides) or − the promised window start (booked ahead)',
  })
  waitP50Min: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '90th percentile of the wait, minutes' }) waitP90Min:
    number | null;
  @ApiProperty({ type: OnTimeDto, description: 'Pickups within the promised window' }) onTime: OnTimeDto;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Share (0–1) of the vans’ shift time in the day with a rider on board; null without shift time',
  })
  utilisation: number | null;
}

export class LuggageDayFiguresDto {
  @ApiProperty({ description: 'Bookings of the service day handed over' }) delivered: number;
  @ApiProperty({ description: 'Bookings of the service day that failed (absent traveller, failed delivery)' })
  failed: number;
  @ApiProperty({ description: 'Bookings of the service day that were cancelled' }) cancelled: number;
  @ApiProperty({ type: OnTimeDto, description: 'Handed over by the deadline' }) onTime: OnTimeDto;
}

export class DayFiguresDto implements DayFigures {
  @ApiProperty() areaId: string;
  @ApiProperty({ example: '2026-12-03' }) date: string;
  @ApiProperty({ example: 'Asia/Seoul' }) timezone: string;
  @ApiProperty({ description: 'Start of the day (inclusive), UTC' }) from: string;
  @ApiProperty({ description: 'End of the day (exclusive), UTC' }) to: string;
  @ApiProperty({ nullable: true, type: ShuttleDayFiguresDto, description: 'For a shuttle area' })
  shuttle: ShuttleDayFiguresDto | null;
  @ApiProperty({ nullable: true, type: LuggageDayFiguresDto, description: 'For a luggage area' })
  luggage: LuggageDayFiguresDto | null;
}
