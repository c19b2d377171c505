import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LuggageBookingEntity, StaffEntity } from '@app/database';
import { ErrorCodes, LuggageErrorCode, notFound, Principal, rateLimited } from '@app/domain';

/** Photo uploads being read at once by this process (each may hold up to 50 × LUGGAGE_PHOTO_MAX_BYTES). */
export const MAX_UPLOADS_IN_FLIGHT = 4;

interface UploadRequest {
  principal?: Principal;
  params: { id?: string };
}
interface UploadResponse {
  once(event: 'close', listener: () => void): void;
}

/**
 * Runs before the multipart interceptor, so a photo body is read only for the courier of that
 * booking (another courier's booking, or none, is a 404 before a byte is buffered), and only a
 * few at a time (429 UPLOADS_BUSY with Retry-After beyond that). The service checks the
 * booking again under its lock.
 */
@Injectable()
export class CourierUploadGuard implements CanActivate {
  private inFlight = 0;

  constructor(private readonly dataSource: DataSource) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<UploadRequest>();
    const response = context.switchToHttp().getResponse<UploadResponse>();
    const id = request.params.id ?? '';
    const principal = request.principal;
    const staff = principal ? await this.dataSource.getRepository(StaffEntity).findOneBy({ userId: principal.userId, active: true }) : null;
    const booking = staff && /^[0-9a-f-]{36}$/i.test(id) ? await this.dataSource.getRepository(LuggageBookingEntity).findOneBy({ id }) : null;
    if (!staff || !booking || booking.courierStaffId !== staff.id) throw notFound(LuggageErrorCode.NotFound, 'No such luggage booking.');
    if (this.inFlight >= MAX_UPLOADS_IN_FLIGHT) throw rateLimited(ErrorCodes.UPLOADS_BUSY, 'Too many photo uploads at once; retry shortly.', 5);
    this.inFlight += 1;
    response.once('close', () => (this.inFlight -= 1));
    return true;
  }
}
