import { z } from 'zod';

/**
 * Structural checks on a boundary feature before PostGIS sees it: PostGIS would reject the
 * same input with a message that names no feature, ring or position.
 */
export { AREA_LEVELS, type AreaLevel } from './levels.js';

const position = z
  .array(z.number().finite(), { error: 'a position must be an array of numbers' })
  .min(2, 'a position needs longitude and latitude')
  .max(3, 'a position has at most three numbers')
  .superRefine(([lon, lat], ctx) => {
    if (lon === undefined || lat === undefined) return;
    if (lon < -180 || lon > 180) ctx.addIssue({ code: 'custom', message: `longitude ${lon} is outside -180..180` });
    if (lat < -90 || lat > 90) ctx.addIssue({ code: 'custom', message: `latitude ${lat} is outside -90..90` });
  });

const ring = z
  .array(position)
  .min(4, 'a ring needs at least four positions')
  .superRefine((points, ctx) => {
    const first = points[0];
    const last = points[points.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
      ctx.addIssue({ code: 'custom', message: 'the ring is not closed (its first and last positions differ)' });
    }
  });

const polygon = z.array(ring).min(1, 'a polygon needs an exterior ring');

const boundaryGeometry = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('Polygon'), coordinates: polygon }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon).min(1) }),
  ],
  { error: 'the geometry must be a Polygon or MultiPolygon' },
);

export const boundaryFeature = z.object({
  type: z.literal('Feature', { error: 'each element of "features" must be a GeoJSON Feature' }),
  geometry: boundaryGeometry,
  properties: z.record(z.string(), z.unknown()).nullable().optional(),
});

export const boundaryCollection = z.object({
  type: z.literal('FeatureCollection', { error: 'the file must be a GeoJSON FeatureCollection' }),
  features: z.array(z.unknown()).min(1, 'the FeatureCollection has no features'),
});

/** Where a zod issue points inside a feature, e.g. "geometry.coordinates[0][3]". */
export function issuePath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    '',
  );
}
