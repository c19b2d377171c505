import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { NotificationEntity } from '@app/database';
import { maskRecipient } from '@app/notifications';

export class NotificationQueryDto {
  @ApiProperty({ description: 'A ride, luggage booking or staff member id' }) @IsUUID() subjectId: string;
}

/** One message as staff see it: the recipient masked, no text (it may carry a PIN). */
export class NotificationViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'luggage_picked_up' }) template: string;
  @ApiProperty({ enum: ['alimtalk', 'sms', 'email', 'dev_outbox'] }) channel: string;
  @ApiProperty({ example: '+8210****5678' }) recipient: string;
  @ApiProperty({ enum: ['traveller', 'rider', 'staff'] }) recipientRole: string;
  @ApiProperty({ enum: ['ko', 'en'] }) language: string;
  @ApiProperty({ enum: ['queued', 'sent', 'failed'] }) status: string;
  @ApiProperty({ description: 'Attempts on the current channel' }) attempts: number;
  @ApiProperty({ type: String, nullable: true, description: "The provider's status of the last failure" }) lastError:
    string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) failedAt: string | null;
}

export function notificationView(n: NotificationEntity): NotificationViewDto {
  return {
    id: n.id,
    template: n.template,
    channel: n.channel,
    recipient: maskRecipient(n.recipient),
    recipientRole: n.recipientRole,
    language: n.language,
    status: n.status,
    attempts: n.attempts,
    lastError: n.lastError,
    createdAt: n.createdAt.toISOString(),
    sentAt: n.sentAt?.toISOString() ?? null,
    failedAt: n.failedAt?.toISOString() ?? null,
  };
}
