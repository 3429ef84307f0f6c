import { z } from 'zod';
import { coded } from './problems.js';

/** Input geometry for a hotspot: a Point, Polygon or MultiPolygon in lon/lat (RFC 7946). */
export const MAX_VERTICES_DEFAULT = 5000;

// A height (third number) is accepted, as RFC 7946 allows, and dropped: hotspots are 2D.
const position = z
  .array(z.number({ error: 'coordinates must be numbers' }))
  .min(2, 'a position needs longitude and latitude')
  .max(3, 'a position has at most three numbers (lon, lat, height)')
  .superRefine(([lon, lat], ctx) => {
    if (lon !== undefined && (!Number.isFinite(lon) || lon < -180 || lon > 180)) {
      ctx.addIssue({
        code: 'custom',
        ...coded('longitude_out_of_range', `longitude ${lon} is outside -180..180 (GeoJSON is lon,lat)`, {
          value: lon,
        }),
      });
    }
    if (lat !== undefined && (!Number.isFinite(lat) || lat < -90 || lat > 90)) {
      ctx.addIssue({
        code: 'custom',
        ...coded('latitude_out_of_range', `latitude ${lat} is outside -90..90 (GeoJSON is lon,lat)`, { value: lat }),
      });
    }
  })
  .transform((coordinates) => coordinates.slice(0, 2));

const ring = z
  .array(position)
  .min(4, 'a polygon ring needs at least four positions')
  .superRefine((points, ctx) => {
    const first = points[0];
    const last = points[points.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
      ctx.addIssue({
        code: 'custom',
        ...coded('ring_not_closed', 'the ring is not closed: its last position must repeat the first'),
      });
    }
  });
const polygonRings = z.array(ring).min(1, 'a polygon needs an exterior ring');

const pointGeometry = z.object({ type: z.literal('Point'), coordinates: position }).strict();
const polygonGeometry = z.object({ type: z.literal('Polygon'), coordinates: polygonRings }).strict();
const multiPolygonGeometry = z
  .object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygonRings).min(1) })
  .strict();

export const hotspotGeometry = z
  .discriminatedUnion('type', [pointGeometry, polygonGeometry, multiPolygonGeometry], {
    error: 'geometry must be a GeoJSON Point, Polygon or MultiPolygon',
  })
  .meta({ id: 'HotspotGeometry', description: 'GeoJSON geometry (RFC 7946), lon/lat in EPSG:4326' });
export type HotspotGeometry = z.infer<typeof hotspotGeometry>;

export function countVertices(geometry: HotspotGeometry): number {
  if (geometry.type === 'Point') return 1;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.reduce((sum, rings) => sum + rings.reduce((n, r) => n + r.length, 0), 0);
}

/** Any GeoJSON geometry in a response (areas may be simplified to anything polygonal). */
export const anyGeometry = z
  .object({ type: z.string(), coordinates: z.array(z.unknown()) })
  .meta({ id: 'Geometry', description: 'GeoJSON geometry' });
