import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { AuditLogEntity } from '@app/database';
import type { AuditEntry, AuditPage } from '@app/contract';

export class AuditQueryDto {
  @ApiPropertyOptional({ example: 'vehicle' }) @IsOptional() @IsString() @MaxLength(40) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) entityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() actorUserId?: string;
  @ApiPropertyOptional({ example: 'vehicle.out_of_service' }) @IsOptional() @IsString() @MaxLength(80) action?: string;
  @ApiPropertyOptional({ description: "Entries older than this id (the previous page's nextBefore)" })
  @IsOptional()
  @Matches(/^\d{1,18}$/)
  before?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class AuditEntryDto implements AuditEntry {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty() action: string;
  @ApiProperty() entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ nullable: true, type: Object }) before: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: Object }) after: Record<string, unknown> | null;
  @ApiProperty() at: string;

  static from(row: AuditLogEntity): AuditEntryDto {
    return {
      id: row.id,
      actorUserId: row.actorUserId,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      before: row.before,
      after: row.after,
      at: row.at.toISOString(),
    };
  }
}

export class AuditPageDto implements AuditPage {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `before` for the next (older) page' }) nextBefore:
    string | null;
}
