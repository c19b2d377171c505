import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PipelineCheckEntity } from '@app/database';

export class CreatePipelineCheckDto {
  @ApiPropertyOptional({ description: "Also deliver the result to this area's dispatch board" })
  @IsOptional()
  @IsUUID()
  areaId?: string;
}

export class PipelineCheckDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) areaId: string | null;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, type: String }) processedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) processedBy: string | null;

  static from(row: PipelineCheckEntity): PipelineCheckDto {
    return {
      id: row.id,
      areaId: row.areaId,
      requestedAt: row.requestedAt.toISOString(),
      processedAt: row.processedAt?.toISOString() ?? null,
      processedBy: row.processedBy,
    };
  }
}
