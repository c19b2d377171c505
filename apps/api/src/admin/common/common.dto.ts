import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

/** Korean first, English always. */
export class BilingualNameDto {
  @ApiProperty({ example: '검단오류역' }) @IsString() @Length(1, 120) ko: string;
  @ApiProperty({ example: 'Geomdan-Oryu Station' }) @IsString() @Length(1, 120) en: string;
}

export class ReasonDto {
  @ApiProperty({ required: false, example: '정기 점검 / scheduled maintenance' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  reason?: string;
}
