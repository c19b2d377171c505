import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class RiderSignUpDto {
  @ApiProperty({ example: 'HANBIT01', description: 'Employer code of a registered park company' })
  @IsString()
  @Matches(/^[A-Za-z0-9]{3,20}$/, { message: 'employerCode must be 3 to 20 letters or digits' })
  employerCode: string;

  @ApiProperty({ example: 'worker@hanbit.example' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password: string;

  @ApiProperty({ example: '홍길동' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName: string;

  @ApiPropertyOptional({ example: '010-1234-5678' })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 -]{6,18}[0-9]$/, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ enum: ['ko', 'en'], default: 'ko' })
  @IsOptional()
  @IsIn(['ko', 'en'])
  locale?: 'ko' | 'en';
}
