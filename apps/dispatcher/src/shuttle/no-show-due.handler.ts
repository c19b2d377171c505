import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RideEntity } from '@app/database';
import { RideStatus } from '@app/domain';
import { DispatchJob, DispatchPayload } from '@app/queues';
import { ShuttlePlanner } from '@app/planning';

/**
 * The no-show timer (delayed job from the arrival): once the wait is over, the driver's
 * manifest is re-sent with `noShowAllowedAt` reached, so the app can offer "no-show".
 */
@Injectable()
export class NoShowDueHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly planner: ShuttlePlanner,
  ) {}

  async handle({ rideId }: DispatchPayload[DispatchJob.NoShowDue]): Promise<void> {
    const ride = await this.dataSource.getRepository(RideEntity).findOneBy({ id: rideId });
    if (!ride || ride.status !== RideStatus.Arrived || !ride.vehicleId) return; // picked up or cancelled meanwhile
    await this.planner.retime(ride.areaId, [ride.vehicleId]);
  }
}
