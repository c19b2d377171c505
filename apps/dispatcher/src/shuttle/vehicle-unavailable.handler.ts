import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { VehicleEntity } from '@app/database';
import { DispatchJob, DispatchPayload } from '@app/queues';
import { ShuttlePlanner } from './shuttle-planner';

/**
 * A van went off line, out of service or off shift: its riders not yet picked up move to
 * other vans or are told why not (enqueued by the driver api and by admin operations).
 */
@Injectable()
export class VehicleUnavailableHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly planner: ShuttlePlanner,
  ) {}

  async handle({ vehicleId, reason }: DispatchPayload[DispatchJob.VehicleUnavailable]): Promise<void> {
    const vehicle = await this.dataSource.getRepository(VehicleEntity).findOneBy({ id: vehicleId });
    if (!vehicle) return;
    await this.planner.releaseVehicle(vehicleId, vehicle.areaId, reason.replace('_', ' '));
  }
}
