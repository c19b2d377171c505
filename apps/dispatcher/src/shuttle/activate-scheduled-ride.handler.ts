import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RideEntity, transitionRide } from '@app/database';
import { Clock, RideStatus } from '@app/domain';
import { DispatchJob, DispatchPayload } from '@app/queues';
import { RealtimePublisher, rideRooms, rideStatusPayload } from '@app/realtime';
import { ShuttlePlanner } from '@app/planning';

/** A scheduled ride's time is near (delayed job): it becomes a request and is planned at once. */
@Injectable()
export class ActivateScheduledRideHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly planner: ShuttlePlanner,
    private readonly publisher: RealtimePublisher,
    private readonly clock: Clock,
  ) {}

  async handle({ rideId }: DispatchPayload[DispatchJob.ActivateScheduledRide]): Promise<void> {
    const activated = await this.dataSource.transaction(async (em) => {
      const ride = await em
        .getRepository(RideEntity)
        .findOne({ where: { id: rideId }, lock: { mode: 'pessimistic_write' } });
      if (!ride || ride.status !== RideStatus.Scheduled) return null;
      return transitionRide(em, ride, RideStatus.Requested, {
        at: this.clock.now(),
        actor: 'dispatcher',
        note: 'scheduled ride activated',
      });
    });
    if (activated) this.publisher.publish(rideRooms(activated), 'ride.status', rideStatusPayload(activated, null));
    await this.planner.assign(rideId);
  }
}
