import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { polygon as turfPolygon } from '@turf/helpers';
import kinks from '@turf/kinks';
import { ErrorCodes, invalid } from '../errors';

/** A GeoJSON Polygon: rings of [lng, lat] positions, first ring the outline, the rest holes. */
export interface GeoJsonPolygon {
  type: 'Polygon';
  coordinates: number[][][];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Accepts what an admin is likely to paste: a Polygon, a Feature of one, or a FeatureCollection
 * holding exactly one. Anything else is refused rather than guessed at.
 */
function unwrap(input: unknown): unknown {
  if (!isRecord(input)) return input;
  if (input.type === 'Feature') return input.geometry;
  if (input.type === 'FeatureCollection' && Array.isArray(input.features)) {
    if (input.features.length !== 1) {
      throw invalid(
        ErrorCodes.AREA_POLYGON_INVALID,
        `The FeatureCollection holds ${input.features.length} features; paste exactly one Polygon.`,
      );
    }
    return unwrap(input.features[0]);
  }
  return input;
}

/**
 * Validates and normalises a service-area boundary. Stable codes:
 * AREA_POLYGON_INVALID (shape, ring closure, coordinate ranges) and
 * AREA_POLYGON_SELF_INTERSECTS (edges that cross, with the crossing points in details).
 */
export function validatePolygon(input: unknown): GeoJsonPolygon {
  const geometry = unwrap(input);
  if (!isRecord(geometry) || geometry.type !== 'Polygon' || !Array.isArray(geometry.coordinates)) {
    throw invalid(
      ErrorCodes.AREA_POLYGON_INVALID,
      'The boundary must be a GeoJSON Polygon: { "type": "Polygon", "coordinates": [[[lng, lat], ...]] }.',
    );
  }
  const rings = geometry.coordinates as unknown[];
  if (rings.length === 0)
    throw invalid(ErrorCodes.AREA_POLYGON_INVALID, 'The polygon has no ring; give its outline as the first ring.');
  const clean: number[][][] = rings.map((ring, r) => {
    if (!Array.isArray(ring))
      throw invalid(ErrorCodes.AREA_POLYGON_INVALID, `Ring ${r} is not a list of [lng, lat] positions.`);
    const positions = ring.map((p: unknown, i) => {
      if (
        !Array.isArray(p) ||
        p.length < 2 ||
        p.length > 3 ||
        !p.every((n) => typeof n === 'number' && Number.isFinite(n))
      ) {
        throw invalid(ErrorCodes.AREA_POLYGON_INVALID, `Ring ${r}, position ${i} must be [lng, lat] numbers.`);
      }
      const [lng, lat] = p as number[];
      if (lng < -180 || lng > 180 || lat < -90 || lat > 90) {
        throw invalid(
          ErrorCodes.AREA_POLYGON_INVALID,
          `Ring ${r}, position ${i} [${lng}, ${lat}] is out of range: GeoJSON order is [longitude, latitude].`,
        );
      }
      return [lng, lat];
    });
    if (positions.length < 4) {
      throw invalid(
        ErrorCodes.AREA_POLYGON_INVALID,
        `Ring ${r} has ${positions.length} positions; a ring needs at least 3 corners plus the first repeated at the end.`,
      );
    }
    const [first, last] = [positions[0], positions[positions.length - 1]];
    if (first[0] !== last[0] || first[1] !== last[1]) {
      throw invalid(
        ErrorCodes.AREA_POLYGON_INVALID,
        `Ring ${r} is not closed: repeat its first position [${first.join(', ')}] at the end.`,
      );
    }
    const distinct = new Set(positions.slice(0, -1).map((p) => `${p[0]},${p[1]}`));
    if (distinct.size < 3)
      throw invalid(
        ErrorCodes.AREA_POLYGON_INVALID,
        `Ring ${r} has fewer than 3 distinct corners; it encloses no area.`,
      );
    return positions;
  });
  const crossings = kinks(turfPolygon(clean)).features.map((f) => f.geometry.coordinates);
  if (crossings.length > 0) {
    throw invalid(
      ErrorCodes.AREA_POLYGON_SELF_INTERSECTS,
      `The boundary crosses itself at ${crossings.length} point(s), first near [${crossings[0].map((n) => n.toFixed(5)).join(', ')}]; redraw it so that no edges cross.`,
      { crossings },
    );
  }
  // After the crossing check: a bow-tie's two lobes cancel out and would look "flat" here.
  clean.forEach((ring, r) => {
    if (Math.abs(signedArea(ring)) < 1e-12)
      throw invalid(ErrorCodes.AREA_POLYGON_INVALID, `Ring ${r} encloses no area (its corners are on one line).`);
  });
  return { type: 'Polygon', coordinates: clean };
}

function signedArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

/** True when the point lies inside the polygon or on its edge (holes excluded). */
export function containsPoint(boundary: GeoJsonPolygon, point: { lat: number; lng: number }): boolean {
  return booleanPointInPolygon([point.lng, point.lat], boundary as never);
}
