import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LuggageBookingEntity, ServiceAreaEntity, StaffEntity } from '@app/database';
import { LuggageErrorCode, notFound, parseLuggageSettings, Principal, rateLimited } from '@app/domain';
import { discardRestOfBody, PhotoUploadRequest } from './pickup-photos.interceptor';

/**
 * Photo uploads being read at once by this process, and by one courier. Each streams to storage
 * through a few stream buffers (not whole photos), so the bound is on open connections, disk
 * and storage bandwidth; a courier's phone sends one pickup at a time, two covers a retry.
 */
export const MAX_UPLOADS_IN_FLIGHT = 4;
export const MAX_UPLOADS_IN_FLIGHT_PER_COURIER = 2;
/** Seconds a refused upload is told to wait: about one pickup's upload on a phone link. */
const BUSY_RETRY_AFTER_S = 5;
/** Body bytes dropped after a refusal here before the connection is cut (else Node would read all of it). */
const REFUSED_BODY_DISCARD_BYTES = 16 * 1024 * 1024;

interface UploadResponse {
  once(event: 'close', listener: () => void): void;
}

/**
 * Runs before PickupPhotosInterceptor, so a photo body is read only for the courier of that
 * booking (another courier's booking, or none, is a 404 before a byte is read), and only a few
 * at a time (429 UPLOADS_BUSY with Retry-After beyond that). Tells the interceptor where the
 * photos go and how many the area allows. The service checks the booking again under its lock.
 */
@Injectable()
export class CourierUploadGuard implements CanActivate {
  private inFlight = 0;
  private readonly inFlightByCourier = new Map<string, number>();

  constructor(private readonly dataSource: DataSource) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context
      .switchToHttp()
      .getRequest<PhotoUploadRequest & { principal?: Principal; params: { id?: string } }>();
    const response = context.switchToHttp().getResponse<UploadResponse>();
    const id = request.params.id ?? '';
    const principal = request.principal;
    const staff = principal
      ? await this.dataSource.getRepository(StaffEntity).findOneBy({ userId: principal.userId, active: true })
      : null;
    const booking =
      staff && /^[0-9a-f-]{36}$/i.test(id)
        ? await this.dataSource.getRepository(LuggageBookingEntity).findOneBy({ id })
        : null;
    if (!staff || !booking || booking.courierStaffId !== staff.id) {
      discardRestOfBody(request, REFUSED_BODY_DISCARD_BYTES);
      throw notFound(LuggageErrorCode.NotFound, 'No such luggage booking.');
    }
    const area = await this.dataSource.getRepository(ServiceAreaEntity).findOneByOrFail({ id: booking.areaId });
    // Checked and counted with no await in between: two uploads cannot both take the last place.
    const mine = this.inFlightByCourier.get(staff.id) ?? 0;
    if (this.inFlight >= MAX_UPLOADS_IN_FLIGHT || mine >= MAX_UPLOADS_IN_FLIGHT_PER_COURIER) {
      discardRestOfBody(request, REFUSED_BODY_DISCARD_BYTES);
      throw rateLimited(
        LuggageErrorCode.UploadsBusy,
        'Too many photo uploads at once; retry shortly.',
        BUSY_RETRY_AFTER_S,
      );
    }
    request.photoUpload = {
      bookingId: booking.id,
      serviceDate: booking.serviceDate,
      maxPhotos: parseLuggageSettings(area.settings).maxBags,
    };
    this.inFlight += 1;
    this.inFlightByCourier.set(staff.id, mine + 1);
    // 'close' comes once per response, answered or dropped.
    response.once('close', () => {
      this.inFlight -= 1;
      const left = (this.inFlightByCourier.get(staff.id) ?? 1) - 1;
      if (left > 0) this.inFlightByCourier.set(staff.id, left);
      else this.inFlightByCourier.delete(staff.id);
    });
    return true;
  }
}
