import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import type { Me, Role, TokenPair } from '@app/contract';

export class SignInDto {
  @ApiProperty({ example: 'rider@demo.geomdan.kr' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'rider-demo-1234' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}

export class MeDto implements Me {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['rider', 'traveller', 'staff', 'dispatcher', 'admin'] }) role: Role;
  @ApiProperty() locale: string;
  @ApiProperty({ type: [String] }) areaIds: string[];
}

export class TokenPairDto implements TokenPair {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Access token lifetime in seconds' }) expiresIn: number;
  @ApiProperty() user: MeDto;
}
