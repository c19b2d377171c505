import { haversineMeters, LatLng } from '@app/dispatch';

/** Point a fraction f (0..1) of the way from a to b (straight line; fine at city scale). */
export function interpolate(a: LatLng, b: LatLng, f: number): LatLng {
  const k = Math.max(0, Math.min(1, f));
  return { lat: a.lat + (b.lat - a.lat) * k, lng: a.lng + (b.lng - a.lng) * k };
}

/** Compass heading from a to b, degrees clockwise from north in [0, 360). */
export function headingDeg(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const y = Math.sin((b.lng - a.lng) * rad) * Math.cos(b.lat * rad);
  const x =
    Math.cos(a.lat * rad) * Math.sin(b.lat * rad) -
    Math.sin(a.lat * rad) * Math.cos(b.lat * rad) * Math.cos((b.lng - a.lng) * rad);
  const deg = Math.atan2(y, x) / rad;
  return (deg + 360) % 360;
}

export { haversineMeters };

/**
 * A leg driven in real time at the pace the dispatcher planned: the same estimate it uses
 * (great-circle × road factor at the hour's speed), so the van reaches each stop when the plan
 * says and never earlier than a promise allows.
 */
export interface Leg {
  readonly key: string;
  readonly from: LatLng;
  readonly to: LatLng;
  readonly departAt: number;
  readonly arriveAt: number;
}

export function planLeg(key: string, from: LatLng, to: LatLng, departAt: number, kmh: number, roadFactor: number): Leg {
  const meters = haversineMeters(from, to) * roadFactor;
  const seconds = meters > 0 ? meters / ((kmh * 1000) / 3600) : 0;
  return { key, from, to, departAt, arriveAt: departAt + seconds * 1000 };
}

/** Where a van on `leg` is at `now`, and its straight-line speed (m/s). */
export function positionOn(leg: Leg, now: number): { at: LatLng; speed: number; arrived: boolean } {
  const span = leg.arriveAt - leg.departAt;
  if (span <= 0 || now >= leg.arriveAt) return { at: leg.to, speed: 0, arrived: true };
  const f = (now - leg.departAt) / span;
  return {
    at: interpolate(leg.from, leg.to, f),
    speed: haversineMeters(leg.from, leg.to) / (span / 1000),
    arrived: false,
  };
}
