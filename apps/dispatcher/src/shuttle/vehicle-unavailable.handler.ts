import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ServiceAreaEntity, ShiftEntity, VehicleEntity, VehicleLiveStateEntity } from '@app/database';
import { ServiceKind, ShiftStatus } from '@app/domain';
import { LuggagePlanner, ShuttlePlanner } from '@app/planning';
import { DispatchJob, DispatchPayload } from '@app/queues';

type UnavailableReason = DispatchPayload[DispatchJob.VehicleUnavailable]['reason'];

/**
 * Whether the van is still unavailable for the stated reason (read inside the planner's
 * transaction, under the area lock): a driver who went off line and came back before the job
 * ran keeps their riders.
 */
export async function stillUnavailable(
  em: EntityManager,
  vehicleId: string,
  reason: UnavailableReason,
): Promise<boolean> {
  switch (reason) {
    case 'out_of_service': {
      const vehicle = await em.getRepository(VehicleEntity).findOneBy({ id: vehicleId });
      return !vehicle || !vehicle.inService;
    }
    case 'offline': {
      const live = await em.getRepository(VehicleLiveStateEntity).findOneBy({ vehicleId });
      return !live || !live.online;
    }
    case 'shift_ended': {
      const live = await em.getRepository(VehicleLiveStateEntity).findOneBy({ vehicleId });
      if (!live?.shiftId) return true;
      const shift = await em.getRepository(ShiftEntity).findOneBy({ id: live.shiftId });
      return !shift || shift.status !== ShiftStatus.Active;
    }
    default: {
      const unknown: never = reason;
      throw new Error(`unknown reason ${String(unknown)}`);
    }
  }
}

/**
 * A van went off line, out of service or off shift (enqueued by the driver api and by admin
 * operations). A shuttle van's riders not yet picked up move to other vans or are told why
 * not; a courier van's bookings not yet set off for go back to the luggage day re-plan.
 */
@Injectable()
export class VehicleUnavailableHandler {
  private readonly logger = new Logger(VehicleUnavailableHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly planner: ShuttlePlanner,
    private readonly luggage: LuggagePlanner,
  ) {}

  async handle({ vehicleId, reason }: DispatchPayload[DispatchJob.VehicleUnavailable]): Promise<void> {
    const vehicle = await this.dataSource.getRepository(VehicleEntity).findOneBy({ id: vehicleId });
    if (!vehicle) return;
    const area = await this.dataSource.getRepository(ServiceAreaEntity).findOneBy({ id: vehicle.areaId });
    if (!area) return;
    const why = reason.replace('_', ' ');
    const guard = (em: EntityManager) => stillUnavailable(em, vehicleId, reason);
    let released: boolean;
    if (area.kind === ServiceKind.Luggage) {
      // Luggage is planned ahead for the courier's shift, not for the app being on line: a
      // courier who drops off line keeps the day's plan.
      if (reason === 'offline') return;
      released = await this.luggage.releaseVehicle(vehicleId, area.id, why, guard);
    } else {
      released = await this.planner.releaseVehicle(vehicleId, area.id, why, guard);
    }
    if (!released)
      this.logger.log(`van ${vehicle.label} is available again (${why} no longer holds): nothing released`);
  }
}
