import { StaffEntity, UserEntity } from '@app/database';
import { MessageTemplate, NotificationRequest } from '@app/notifications';
import { sha256 } from './account-tokens';

/**
 * A new staff member's invite, to their phone and their email. The event is this link (by its
 * hash, never the link itself): a new link for the same person is a new message.
 */
export function staffInviteNotifications(
  staff: StaffEntity,
  user: UserEntity,
  areaId: string | null,
  link: { token: string; expiresAt: Date; url: string },
): NotificationRequest[] {
  const common = {
    eventId: `staff.${staff.id}.invite.${sha256(link.token).slice(0, 24)}`,
    template: MessageTemplate.StaffInvite,
    recipientRole: 'staff' as const,
    language: staff.language,
    subjectId: staff.id,
    areaId,
    variables: { name: user.displayName, expiresAt: link.expiresAt.toISOString() },
    secrets: { inviteUrl: link.url },
  };
  return [{ ...common, to: { phone: staff.phone } }, ...(user.email ? [{ ...common, to: { email: user.email } }] : [])];
}
