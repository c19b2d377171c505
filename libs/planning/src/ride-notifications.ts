import { EntityManager } from 'typeorm';
import { PlaceEntity, RideEntity, UserEntity } from '@app/database';
import { MessageTemplate, NotificationRequest } from '@app/notifications';
import type { VehicleRef } from './shuttle-notifier';

/**
 * The rider's "assigned" message: van, plate, promised window and stop. The event is the first
 * placement; a later move by dispatch is a change of its own (not this message again).
 */
export async function rideAssignedNotifications(
  em: EntityManager,
  ride: RideEntity,
  rider: UserEntity,
  vehicle: VehicleRef,
): Promise<NotificationRequest[]> {
  if (!rider.phone || !ride.promisedPickupFrom || !ride.promisedPickupTo) return [];
  const place = await em.getRepository(PlaceEntity).findOneBy({ id: ride.pickupPlaceId });
  const language = rider.locale === 'en' ? 'en' : 'ko';
  return [
    {
      eventId: `ride.${ride.id}.assigned`,
      template: MessageTemplate.RideAssigned,
      to: { phone: rider.phone },
      recipientRole: 'rider',
      language,
      subjectId: ride.id,
      areaId: ride.areaId,
      variables: {
        vehicleLabel: vehicle.label,
        plate: vehicle.plate,
        pickupFrom: ride.promisedPickupFrom.toISOString(),
        pickupTo: ride.promisedPickupTo.toISOString(),
        ...(place ? { pickupPlace: language === 'en' ? place.nameEn : place.nameKo } : {}),
      },
    },
  ];
}
