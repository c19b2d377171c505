import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

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

export class MeDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['rider', 'traveller', 'staff', 'dispatcher', 'admin'] }) role: string;
  @ApiProperty() locale: string;
  @ApiProperty({ type: [String] }) areaIds: string[];
}

export class TokenPairDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Access token lifetime in seconds' }) expiresIn: number;
  @ApiProperty() user: MeDto;
}
