import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { StaffEntity, UserEntity } from '@app/database';
import { StaffKind } from '@app/domain';
import type { AccountLink, AdminStaff, InviteInfo, StaffInvited } from '@app/contract';

const PHONE = /^0\d{1,2}-?\d{3,4}-?\d{4}$/;

export class StaffQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() areaId?: string;
  @ApiPropertyOptional({ description: 'Include deactivated staff' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  includeInactive?: boolean;
}

export class CreateStaffDto {
  @ApiProperty({ example: 'driver4@geomdan.kr' }) @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ example: '김도윤' }) @IsString() @Length(1, 100) displayName: string;
  @ApiProperty({ enum: StaffKind }) @IsEnum(StaffKind) kind: StaffKind;
  @ApiProperty({ example: '010-2001-1204' })
  @Matches(PHONE, { message: 'phone must be a Korean number like 010-1234-5678' })
  phone: string;
  @ApiProperty({ enum: ['ko', 'en'] }) @IsIn(['ko', 'en']) language: 'ko' | 'en';
  @ApiProperty({ type: [String], description: 'Service areas the person works in' })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  areaIds: string[];
}

export class UpdateStaffDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) displayName?: string;
  @ApiPropertyOptional({ enum: StaffKind }) @IsOptional() @IsEnum(StaffKind) kind?: StaffKind;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a Korean number like 010-1234-5678' })
  phone?: string;
  @ApiPropertyOptional({ enum: ['ko', 'en'] }) @IsOptional() @IsIn(['ko', 'en']) language?: 'ko' | 'en';
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  areaIds?: string[];
}

export class AdminStaffDto implements AdminStaff {
  @ApiProperty({ description: 'Staff profile id (shifts refer to it)' }) id: string;
  @ApiProperty() userId: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: StaffKind }) kind: StaffKind;
  @ApiProperty() phone: string;
  @ApiProperty({ enum: ['ko', 'en'] }) language: string;
  @ApiProperty({ type: [String] }) areaIds: string[];
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'False until the invite link has been used' }) hasCredentials: boolean;
  @ApiProperty({ nullable: true, type: String }) deactivatedAt: string | null;

  static from(staff: StaffEntity, user: UserEntity, areaIds: string[]): AdminStaffDto {
    return {
      id: staff.id,
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      kind: staff.kind,
      phone: staff.phone,
      language: staff.language,
      areaIds: [...areaIds].sort(),
      active: staff.active,
      hasCredentials: user.passwordHash !== null,
      deactivatedAt: user.deactivatedAt?.toISOString() ?? null,
    };
  }
}

export class AccountLinkDto implements AccountLink {
  @ApiProperty({ enum: ['invite', 'reset'] }) purpose: 'invite' | 'reset';
  @ApiProperty({ description: 'Single-use link to hand to the person; shown once, only its hash is stored' })
  url: string;
  @ApiProperty() token: string;
  @ApiProperty() expiresAt: string;
}

export class StaffInvitedDto implements StaffInvited {
  @ApiProperty({ type: AdminStaffDto }) staff: AdminStaffDto;
  @ApiProperty({ type: AccountLinkDto }) invite: AccountLinkDto;
}

export class InviteInfoDto implements InviteInfo {
  @ApiProperty({ enum: ['invite', 'reset'] }) purpose: 'invite' | 'reset';
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() expiresAt: string;
}

export class AcceptInviteDto {
  @ApiProperty({ description: '8-72 characters, or a PIN of 6-12 digits', example: 'my-new-password' })
  @IsString()
  @Matches(/^(\d{6,12}|.{8,72})$/s, { message: 'password must be 8-72 characters, or a PIN of 6-12 digits' })
  password: string;
}
