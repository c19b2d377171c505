import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TRACKING_TOKEN_PATTERN, TrackingGrant, trackingTokenHash } from '@app/auth';
import { LuggageBookingEntity } from '@app/database';

/** Resolves a traveller's tracking token to the one booking it opens (compared by hash). */
@Injectable()
export class TrackingAccess {
  constructor(private readonly dataSource: DataSource) {}

  async resolve(token: string): Promise<TrackingGrant | null> {
    if (!TRACKING_TOKEN_PATTERN.test(token)) return null;
    const row = await this.dataSource
      .getRepository(LuggageBookingEntity)
      .findOne({ where: { trackingTokenHash: trackingTokenHash(token) }, select: { id: true } });
    return row ? { bookingId: row.id } : null;
  }
}
