import { Injectable } from '@nestjs/common';
import { DispatchDecisionEntity, PlannedStopRecord, RideEntity } from '@app/database';
import { TRACKED_RIDE_STATUSES } from '@app/domain';
import { RealtimePublisher, rideRooms, rideStatusPayload, Rooms } from '@app/realtime';

export interface VehicleRef {
  id: string;
  label: string;
  plate: string;
}

/**
 * Collects what to tell whom while a transaction runs, and publishes only after it commits
 * (events describe committed state; a rolled-back plan is never announced).
 */
export class Announcements {
  private readonly effects: Array<() => void> = [];

  constructor(private readonly publisher: RealtimePublisher) {}

  ride(ride: RideEntity, vehicle: VehicleRef | null): void {
    const payload = rideStatusPayload(
      ride,
      TRACKED_RIDE_STATUSES.includes(ride.status) || ride.status === 'completed' ? vehicle : null,
    );
    const rooms = rideRooms(ride);
    this.effects.push(() => this.publisher.publish(rooms, 'ride.status', payload));
  }

  manifest(
    driverUserId: string | null,
    areaId: string,
    vehicleId: string,
    version: number,
    stops: PlannedStopRecord[],
    rides: Map<string, { passengers: number; name: string; noShowAllowedAt: Date | null }>,
  ): void {
    const payload = {
      version,
      vehicleId,
      stops: stops.map((s) => ({
        rideId: s.taskId,
        kind: s.kind,
        placeId: s.placeId,
        eta: s.serviceStart,
        passengers: rides.get(s.taskId)?.passengers ?? 0,
        riderName: rides.get(s.taskId)?.name ?? '',
        noShowAllowedAt: s.kind === 'pickup' ? (rides.get(s.taskId)?.noShowAllowedAt?.toISOString() ?? null) : null,
      })),
    };
    const rooms = [Rooms.area(areaId), Rooms.admins(), ...(driverUserId ? [Rooms.user(driverUserId)] : [])];
    this.effects.push(() => this.publisher.publish(rooms, 'manifest.updated', payload));
  }

  decision(row: DispatchDecisionEntity): void {
    this.effects.push(() =>
      this.publisher.publish([Rooms.area(row.areaId), Rooms.admins()], 'dispatch.decision', {
        version: row.createdAt.getTime(),
        rideId: row.rideId,
        areaId: row.areaId,
        outcome: row.outcome,
        vehicleId: row.vehicleId,
        code: row.code,
        reason: row.reason,
      }),
    );
  }

  flush(): void {
    for (const effect of this.effects.splice(0)) effect();
  }
}

@Injectable()
export class ShuttleNotifier {
  constructor(private readonly publisher: RealtimePublisher) {}

  begin(): Announcements {
    return new Announcements(this.publisher);
  }
}
