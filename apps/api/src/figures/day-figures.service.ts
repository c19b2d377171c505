import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { ServiceAreaEntity } from '@app/database';
import { Clock, forbidden, notFound, Principal, ServiceKind, ShuttleErrorCode, worksInArea } from '@app/domain';
import { DayFiguresDto, LuggageDayFiguresDto, ShuttleDayFiguresDto } from './day-figures.dto';

/**
 * The day's figures of one area, counted in the database: the board shows these, not a count of
 * the rides it happens to hold (a reload would show "served 0" after a busy morning).
 */
@Injectable()
export class DayFiguresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async forDay(principal: Principal, areaId: string, date: string | undefined): Promise<DayFiguresDto> {
    if (!worksInArea(principal, areaId))
      throw forbidden(ShuttleErrorCode.AreaForbidden, 'You do not dispatch this area.');
    const area = await this.dataSource.getRepository(ServiceAreaEntity).findOneBy({ id: areaId });
    if (!area) throw notFound(ShuttleErrorCode.AreaNotFound, 'No such area.');
    const start = (
      date
        ? DateTime.fromISO(date, { zone: area.timezone })
        : DateTime.fromJSDate(this.clock.now(), { zone: area.timezone })
    ).startOf('day');
    const from = start.toJSDate();
    const to = start.plus({ days: 1 }).toJSDate();
    const day = start.toISODate()!;
    return {
      areaId,
      date: day,
      timezone: area.timezone,
      from: from.toISOString(),
      to: to.toISOString(),
      shuttle: area.kind === ServiceKind.Shuttle ? await this.shuttle(areaId, from, to) : null,
      luggage: area.kind === ServiceKind.Luggage ? await this.luggage(areaId, day) : null,
    };
  }

  /** Rides belong to the day of their requested time. */
  private async shuttle(areaId: string, from: Date, to: Date): Promise<ShuttleDayFiguresDto> {
    const now = this.clock.now();
    const [counts] = (await this.dataSource.query(
      `WITH day AS (
         SELECT r.*,
                CASE WHEN r.picked_up_at IS NULL THEN NULL
                     ELSE greatest(0, extract(epoch FROM r.picked_up_at - CASE WHEN r.time_mode = 'now' THEN r.created_at ELSE coalesce(r.promised_pickup_from, r.requested_time) END) / 60.0)
                END AS wait_min
           FROM rides r
          WHERE r.area_id = $1 AND r.requested_time >= $2 AND r.requested_time < $3)
       SELECT count(*) FILTER (WHERE status = 'completed')::int AS served,
              count(*) FILTER (WHERE status = 'rejected')::int AS rejected,
              count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY wait_min) AS p50,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY wait_min) AS p90,
              count(*) FILTER (WHERE picked_up_at IS NOT NULL AND promised_pickup_to IS NOT NULL AND picked_up_at <= promised_pickup_to)::int AS on_time,
              count(*) FILTER (WHERE picked_up_at IS NOT NULL AND promised_pickup_to IS NOT NULL)::int AS picked
         FROM day`,
      [areaId, from, to],
    )) as Array<{
      served: number;
      rejected: number;
      cancelled: number;
      p50: number | null;
      p90: number | null;
      on_time: number;
      picked: number;
    }>;
    // Busy: the union, per van, of the time riders were on board; on shift: the started shifts. Both clipped to the day and to now.
    const [use] = (await this.dataSource.query(
      `WITH bounds AS (SELECT tstzrange($2::timestamptz, least($3::timestamptz, $4::timestamptz)) AS day),
       busy AS (
         SELECT r.vehicle_id, range_agg(tstzrange(r.picked_up_at, coalesce(r.dropped_off_at, $4::timestamptz)) * (SELECT day FROM bounds)) AS spans
           FROM rides r
          WHERE r.area_id = $1 AND r.vehicle_id IS NOT NULL AND r.picked_up_at IS NOT NULL AND r.picked_up_at < $4::timestamptz
            AND coalesce(r.dropped_off_at, $4::timestamptz) > r.picked_up_at
          GROUP BY r.vehicle_id),
       shift AS (
         SELECT s.vehicle_id, range_agg(tstzrange(s.started_at, coalesce(s.ended_at, $4::timestamptz)) * (SELECT day FROM bounds)) AS spans
           FROM shifts s
          WHERE s.area_id = $1 AND s.started_at IS NOT NULL AND s.started_at < $4::timestamptz AND coalesce(s.ended_at, $4::timestamptz) > s.started_at
          GROUP BY s.vehicle_id)
       SELECT (SELECT coalesce(sum(extract(epoch FROM upper(x) - lower(x))), 0) FROM busy b, unnest(b.spans * coalesce((SELECT spans FROM shift WHERE shift.vehicle_id = b.vehicle_id), '{}'::tstzmultirange)) x) AS busy_s,
              (SELECT coalesce(sum(extract(epoch FROM upper(x) - lower(x))), 0) FROM shift s, unnest(s.spans) x) AS shift_s`,
      [areaId, from, to, now],
    )) as Array<{ busy_s: string | number; shift_s: string | number }>;
    const round1 = (v: number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
    const shiftS = Number(use.shift_s);
    return {
      served: counts.served,
      rejected: counts.rejected,
      cancelled: counts.cancelled,
      waitP50Min: round1(counts.p50),
      waitP90Min: round1(counts.p90),
      onTime: { onTime: counts.on_time, of: counts.picked },
      utilisation: shiftS > 0 ? Math.round((Number(use.busy_s) / shiftS) * 1000) / 1000 : null,
    };
  }

  /** Bookings belong to their service day; on time = handed over by the deadline. */
  private async luggage(areaId: string, day: string): Promise<LuggageDayFiguresDto> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE b.status = 'delivered')::int AS delivered,
              count(*) FILTER (WHERE b.status = 'failed')::int AS failed,
              count(*) FILTER (WHERE b.status = 'cancelled')::int AS cancelled,
              count(*) FILTER (WHERE b.status = 'delivered' AND d.at <= b.deadline_at)::int AS on_time
         FROM luggage_bookings b
         LEFT JOIN LATERAL (SELECT max(e.at) AS at FROM custody_events e WHERE e.booking_id = b.id AND e.type = 'delivered') d ON true
        WHERE b.area_id = $1 AND b.service_date = $2::date`,
      [areaId, day],
    )) as Array<{ delivered: number; failed: number; cancelled: number; on_time: number }>;
    return {
      delivered: row.delivered,
      failed: row.failed,
      cancelled: row.cancelled,
      onTime: { onTime: row.on_time, of: row.delivered },
    };
  }
}
