import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PriceRuleEntity } from '@app/database';
import { PriceRules } from '@app/domain';
import type { PriceRulesVersion } from '@app/contract';

const krw = () => (target: object, key: string) => {
  IsInt()(target, key);
  Min(0)(target, key);
  Max(10_000_000)(target, key);
};

export class PerBagDto {
  @ApiProperty() @krw() carry_on: number;
  @ApiProperty() @krw() suitcase: number;
  @ApiProperty() @krw() oversize: number;
}

export class ZoneDto {
  @ApiProperty({ example: 'B' }) @IsString() @Matches(/^[A-Za-z0-9_-]{1,10}$/) code: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Upper bound of the straight-line distance, km; null on the last zone',
  })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(500)
  maxKm: number | null;
  @ApiProperty() @krw() surchargeKrw: number;
}

export class PriceRulesInputDto {
  @ApiProperty({ description: 'Service area the rules apply to' }) @IsUUID() areaId: string;
  @ApiProperty({ description: 'Integer KRW' }) @krw() baseKrw: number;
  @ApiProperty({ type: PerBagDto }) @ValidateNested() @Type(() => PerBagDto) perBagKrw: PerBagDto;
  @ApiProperty({ type: [ZoneDto] })
  @ValidateNested({ each: true })
  @Type(() => ZoneDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  zones: ZoneDto[];
  @ApiProperty() @krw() cancellationFeeKrw: number;
}

export class PriceRulesQueryDto {
  @ApiProperty() @IsUUID() areaId: string;
  @ApiProperty({ required: false }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) version?: number;
}

export class PriceRulesDto implements PriceRulesVersion {
  @ApiProperty() areaId: string;
  @ApiProperty() version: number;
  @ApiProperty() rules: PriceRules;
  @ApiProperty({ nullable: true, type: String }) createdBy: string | null;
  @ApiProperty() createdAt: string;

  static from(row: PriceRuleEntity): PriceRulesDto {
    return {
      areaId: row.areaId,
      version: row.version,
      rules: row.rules,
      createdBy: row.createdBy,
      createdAt: row.createdAt.toISOString(),
    };
  }
}
