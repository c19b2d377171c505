import { LuggageBookingEntity } from '@app/database';
import { LuggageStatus } from '@app/domain';
import { MessageTemplate, NotificationRequest } from '@app/notifications';
import { luggageEta } from '@app/realtime';

/** The traveller's messages on a new booking: the PIN goes to their own phone only, never to the email. */
export function luggageBookedNotifications(
  b: LuggageBookingEntity,
  secrets: { pin: string; trackingUrl: string },
): NotificationRequest[] {
  const common = {
    eventId: `luggage.${b.id}.booked`,
    recipientRole: 'traveller' as const,
    language: b.language,
    subjectId: b.id,
    areaId: b.areaId,
    variables: {
      reference: b.reference,
      priceKrw: b.priceKrw,
      pickupFrom: b.pickupWindowStart.toISOString(),
      pickupTo: b.pickupWindowEnd.toISOString(),
      deadline: b.deadlineAt.toISOString(),
    },
  };
  return [
    {
      ...common,
      template: MessageTemplate.LuggageBooked,
      to: { phone: b.contactPhone },
      secrets: { pin: secrets.pin, trackingUrl: secrets.trackingUrl },
    },
    {
      ...common,
      template: MessageTemplate.LuggageBookedEmail,
      to: { email: b.contactEmail },
      secrets: { trackingUrl: secrets.trackingUrl },
    },
  ];
}

const STEP_TEMPLATES: Partial<Record<LuggageStatus, MessageTemplate>> = {
  [LuggageStatus.CourierEnRoute]: MessageTemplate.LuggageCourierEnRoute,
  [LuggageStatus.PickedUp]: MessageTemplate.LuggagePickedUp,
  [LuggageStatus.Delivered]: MessageTemplate.LuggageDelivered,
};

/**
 * The traveller's message for the status a custody step reached, if it is one they hear of.
 * The event is the status itself: a booking reaches each of these once, so a later step that
 * leaves the status where it was (a damage note after pickup) finds the message already recorded.
 */
export function luggageStepNotifications(b: LuggageBookingEntity): NotificationRequest[] {
  const template = STEP_TEMPLATES[b.status];
  if (!template) return [];
  return [
    {
      eventId: `luggage.${b.id}.${b.status}`,
      template,
      to: { phone: b.contactPhone },
      recipientRole: 'traveller',
      language: b.language,
      subjectId: b.id,
      areaId: b.areaId,
      variables: {
        reference: b.reference,
        priceKrw: b.priceKrw,
        deadline: b.deadlineAt.toISOString(),
        etaAt: luggageEta(b)?.toISOString() ?? null,
        bags: b.bagsCarryOn + b.bagsSuitcase + b.bagsOversize,
      },
    },
  ];
}
