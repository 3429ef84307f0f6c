/**
 * Checks a drawn location in the browser before it is sent, with turf: a polygon must not cross
 * itself, and the whole place must lie in one of the jurisdiction's areas (a polygon crossing the
 * line is refused). The API checks the same with PostGIS (hotspots/service.ts checkGeometry); this
 * only tells the person at once, while they draw. It also names the area the hotspot will be filed
 * under, by the database's rule (smallest_area_containing): the deepest level that contains it.
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
  | { ok: false; reason: 'outside'; jurisdiction: AreaFeature[] };

function contains(area: AreaFeature, geometry: DrawnGeometry): boolean {
  const outline = area.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon;
  if (outline.type !== 'Polygon' && outline.type !== 'MultiPolygon') return false;
  if (geometry.type === 'Point') return booleanPointInPolygon(geometry, outline);
  if (geometry.type === 'Polygon') return booleanWithin(geometry, outline);
  return geometry.coordinates.every((rings) => booleanWithin({ type: 'Polygon', coordinates: rings }, outline));
}

/**
 * The point PostGIS's ST_PointOnSurface picks (GEOS InteriorPointArea): on a horizontal line near
 * the middle of the envelope that passes through no vertex, the middle of the widest stretch
 * inside the polygon. The database files a hotspot under the area covering this point
 * (smallest_area_containing), so the form names the same area.
 */
export function pointOnSurface(geometry: DrawnGeometry): GeoJSON.Position {
  if (geometry.type === 'Point') return geometry.coordinates;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best: { point: GeoJSON.Position; width: number } | undefined;
  for (const rings of polygons) {
    const shell = rings[0] ?? [];
    const ys = shell.map((position) => position[1]!);
    const centre = (Math.min(...ys) + Math.max(...ys)) / 2;
    let low = Math.min(...ys);
    let high = Math.max(...ys);
    for (const y of ys) {
      if (y <= centre && y > low) low = y;
      if (y > centre && y < high) high = y;
    }
    const scanY = (low + high) / 2;
    const crossings: number[] = [];
    for (const ring of rings) {
      for (let i = 1; i < ring.length; i++) {
        const [x0, y0] = ring[i - 1] as [number, number];
        const [x1, y1] = ring[i] as [number, number];
        if (y0 > scanY === y1 > scanY || y0 === y1) continue;
        crossings.push(x0 + ((scanY - y0) * (x1 - x0)) / (y1 - y0));
      }
    }
    crossings.sort((a, b) => a - b);
    for (let i = 0; i + 1 < crossings.length; i += 2) {
      const width = crossings[i + 1]! - crossings[i]!;
      if (!best || width > best.width) best = { point: [(crossings[i]! + crossings[i + 1]!) / 2, scanY], width };
    }
  }
  return best?.point ?? (polygons[0]?.[0]?.[0] as GeoJSON.Position);
}

export function checkGeometry(
  geometry: DrawnGeometry,
  areas: AreaFeature[],
  jurisdictionCodes: readonly string[] | null,
): GeometryCheck {
  if (geometry.type !== 'Point') {
    const crossings = kinks(geometry as GeoJSON.Polygon).features.length;
    if (crossings > 0) return { ok: false, reason: 'self_intersects' };
  }
  const jurisdiction = jurisdictionCodes
    ? areas.filter((area) => area.properties.code !== null && jurisdictionCodes.includes(area.properties.code))
    : [];
  if (jurisdiction.length && !jurisdiction.some((area) => contains(area, geometry))) {
    return { ok: false, reason: 'outside', jurisdiction };
  }
  const filedAt: GeoJSON.Point = { type: 'Point', coordinates: pointOnSurface(geometry) };
  const containing = areas
    .filter((area) => contains(area, filedAt))
    // Levels run largest first: the deepest level is the smallest area, the one people name.
    .sort((a, b) => AREA_LEVELS.indexOf(b.properties.level) - AREA_LEVELS.indexOf(a.properties.level));
  return { ok: true, area: containing[0] };
}
