import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { CompanyEntity, UserEntity } from '@app/database';
import { BilingualNameDto } from '../common/common.dto';
import type { AdminCompany } from '@app/contract';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const CODE = /^[A-Z0-9]{3,20}$/;

export class CompanyQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() areaId?: string;
}

export class CreateCompanyDto {
  @ApiProperty() @IsUUID() areaId: string;
  @ApiProperty({ type: BilingualNameDto }) @ValidateNested() @Type(() => BilingualNameDto) name: BilingualNameDto;
  @ApiProperty({ example: 'HANBIT01', description: 'Riders quote it to prove they work here; 3-20 letters or digits' })
  @Transform(upper)
  @Matches(CODE, { message: 'employerCode must be 3-20 letters or digits' })
  employerCode: string;
  @ApiPropertyOptional({ description: "The company's own stop or gate" }) @IsOptional() @IsUUID() placeId?: string;
}

export class UpdateCompanyDto {
  @ApiPropertyOptional({ type: BilingualNameDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BilingualNameDto)
  name?: BilingualNameDto;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(upper)
  @Matches(CODE, { message: 'employerCode must be 3-20 letters or digits' })
  employerCode?: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  placeId?: string | null;
}

export class SuspendCompanyDto {
  @ApiPropertyOptional() @IsOptional() @IsString() reason?: string;
}

export class AdminCompanyDto implements AdminCompany {
  @ApiProperty() id: string;
  @ApiProperty() areaId: string;
  @ApiProperty({ type: BilingualNameDto }) name: BilingualNameDto;
  @ApiProperty() employerCode: string;
  @ApiProperty({ nullable: true, type: String }) placeId: string | null;
  @ApiProperty({ nullable: true, type: String, description: "Suspended companies' riders cannot book" }) suspendedAt:
    string | null;

  static from(c: CompanyEntity): AdminCompanyDto {
    return {
      id: c.id,
      areaId: c.areaId,
      name: { ko: c.nameKo, en: c.nameEn },
      employerCode: c.employerCode,
      placeId: c.placeId,
      suspendedAt: c.suspendedAt?.toISOString() ?? null,
    };
  }
}

export class CompanyRiderDto {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) deactivatedAt: string | null;

  static from(u: UserEntity): CompanyRiderDto {
    return {
      id: u.id,
      displayName: u.displayName,
      email: u.email,
      phone: u.phone,
      deactivatedAt: u.deactivatedAt?.toISOString() ?? null,
    };
  }
}
