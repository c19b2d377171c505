import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { VehiclePlanEntity } from '@app/database';
import { DispatchJob, DispatchPayload } from '@app/queues';
import { ShuttlePlanner } from '@app/planning';

/**
 * A ride left a van's plan (cancel, no-show) or a driver event moved the van along: re-time the
 * van from where it is, refresh every rider's ETA and the driver's manifest.
 */
@Injectable()
export class ReplanVehicleHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly planner: ShuttlePlanner,
  ) {}

  /** After a cancellation or no-show: re-time the van and try to put the freed seat to use. */
  async afterCancel(payload: DispatchPayload[DispatchJob.ReplanAfterCancel]): Promise<void> {
    const plan = await this.dataSource.getRepository(VehiclePlanEntity).findOneBy({ vehicleId: payload.vehicleId });
    if (!plan) return;
    await this.planner.retime(plan.areaId, [plan.vehicleId], { reoptimize: true });
  }

  /** After a driver event (arrived, picked up, dropped off): re-time the van from where it is. */
  async refresh(payload: DispatchPayload[DispatchJob.RefreshVehiclePlan]): Promise<void> {
    const plan = await this.dataSource.getRepository(VehiclePlanEntity).findOneBy({ vehicleId: payload.vehicleId });
    if (!plan) return;
    await this.planner.retime(plan.areaId, [plan.vehicleId]);
  }
}
