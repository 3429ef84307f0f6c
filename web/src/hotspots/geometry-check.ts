/**
 * Checks a drawn location in the browser before it is sent, with turf: a polygon must not cross
 * itself, and the place must lie in the jurisdiction. The API checks the same with PostGIS; this
 * only tells the person at once, while they draw. It also names the smallest area it lies in.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import booleanWithin from '@turf/boolean-within';
import kinks from '@turf/kinks';
import { AREA_LEVELS } from '@oshaq/api/contract/levels';
import type { AreaFeature } from '../api/types';

export type DrawnGeometry = GeoJSON.Point | GeoJSON.Polygon | GeoJSON.MultiPolygon;

export type GeometryCheck =
  | { ok: true; area: AreaFeature | undefined }
  | { ok: false; reason: 'self_intersects' }
  | { ok: false; reason: 'outside'; jurisdiction: AreaFeature };

function contains(area: AreaFeature, geometry: DrawnGeometry): boolean {
  const outline = area.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon;
  if (outline.type !== 'Polygon' && outline.type !== 'MultiPolygon') return false;
  if (geometry.type === 'Point') return booleanPointInPolygon(geometry, outline);
  if (geometry.type === 'Polygon') return booleanWithin(geometry, outline);
  return geometry.coordinates.every((rings) => booleanWithin({ type: 'Polygon', coordinates: rings }, outline));
}

export function checkGeometry(
  geometry: DrawnGeometry,
  areas: AreaFeature[],
  jurisdictionCode: string | null,
): GeometryCheck {
  if (geometry.type !== 'Point') {
    const crossings = kinks(geometry as GeoJSON.Polygon).features.length;
    if (crossings > 0) return { ok: false, reason: 'self_intersects' };
  }
  const jurisdiction = jurisdictionCode ? areas.find((area) => area.properties.code === jurisdictionCode) : undefined;
  if (jurisdiction && !contains(jurisdiction, geometry)) return { ok: false, reason: 'outside', jurisdiction };
  const containing = areas
    .filter((area) => contains(area, geometry))
    // Levels run largest first: the deepest level is the smallest area, the one people name.
    .sort((a, b) => AREA_LEVELS.indexOf(b.properties.level) - AREA_LEVELS.indexOf(a.properties.level));
  return { ok: true, area: containing[0] };
}
