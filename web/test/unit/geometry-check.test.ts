import { describe, expect, it } from 'vitest';
import type { AreaFeature } from '../../src/api/types';
import { checkGeometry, pointOnSurface, type DrawnGeometry } from '../../src/hotspots/geometry-check';

type Box = [minLon: number, minLat: number, maxLon: number, maxLat: number];

function ring([minLon, minLat, maxLon, maxLat]: Box): GeoJSON.Position[] {
  return [
    [minLon, minLat],
    [maxLon, minLat],
    [maxLon, maxLat],
    [minLon, maxLat],
    [minLon, minLat],
  ];
}

function area(id: number, code: string | null, level: AreaFeature['properties']['level'], box: Box): AreaFeature {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Polygon', coordinates: [ring(box)] },
    properties: { id, code, level, name_kk: code ?? `area ${id}`, name_ru: '', name_en: '', parent_id: null },
  };
}

const region = area(1, 'turkistan', 'region', [67.5, 42.5, 69.5, 44.5]);
const city = area(2, 'shymkent', 'city', [68.0, 43.0, 69.0, 44.0]);
const district = area(3, 'al_farabi', 'city_district', [68.2, 43.2, 68.4, 43.4]);
const otherDistrict = area(4, 'abay', 'city_district', [68.5, 43.5, 68.9, 43.9]);
// Deliberately not in level order: the answer must not depend on the order the API lists areas in.
const areas = [district, region, otherDistrict, city];

const point = (lon: number, lat: number): GeoJSON.Point => ({ type: 'Point', coordinates: [lon, lat] });
const polygon = (box: Box): GeoJSON.Polygon => ({ type: 'Polygon', coordinates: [ring(box)] });

describe('checkGeometry', () => {
  it('names the smallest area containing a point inside the jurisdiction', () => {
    const check = checkGeometry(point(68.3, 43.3), areas, ['shymkent']);
    expect(check).toEqual({ ok: true, area: district });
  });

  it('names the other district for a point there', () => {
    expect(checkGeometry(point(68.7, 43.7), areas, ['shymkent'])).toEqual({ ok: true, area: otherDistrict });
  });

  it('names the city for a point in the city but in no district', () => {
    expect(checkGeometry(point(68.45, 43.1), areas, ['shymkent'])).toEqual({ ok: true, area: city });
  });

  it('refuses a point outside the jurisdiction, and says which jurisdiction', () => {
    // Inside the region, outside the city.
    expect(checkGeometry(point(67.8, 43.5), areas, ['shymkent'])).toEqual({
      ok: false,
      reason: 'outside',
      jurisdiction: [city],
    });
  });

  it('refuses a polygon that crosses itself (a bow tie)', () => {
    const bowTie: GeoJSON.Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [68.25, 43.25],
          [68.35, 43.35],
          [68.35, 43.25],
          [68.25, 43.35],
          [68.25, 43.25],
        ],
      ],
    };
    expect(checkGeometry(bowTie, areas, ['shymkent'])).toEqual({ ok: false, reason: 'self_intersects' });
    expect(checkGeometry(bowTie, areas, null)).toEqual({ ok: false, reason: 'self_intersects' });
  });

  it('refuses a polygon that lies partly outside the jurisdiction', () => {
    const check = checkGeometry(polygon([68.9, 43.5, 69.1, 43.6]), areas, ['shymkent']);
    expect(check).toEqual({ ok: false, reason: 'outside', jurisdiction: [city] });
  });

  it('names the district for a polygon wholly inside it', () => {
    expect(checkGeometry(polygon([68.25, 43.25, 68.3, 43.3]), areas, ['shymkent'])).toEqual({
      ok: true,
      area: district,
    });
  });

  it('files a polygon straddling a district line under the area of its point on the surface, as the database does', () => {
    // The scan line is y = 43.375, the middle of its widest stretch x = 68.375: inside al_farabi.
    expect(checkGeometry(polygon([68.3, 43.3, 68.45, 43.45]), areas, ['shymkent'])).toEqual({
      ok: true,
      area: district,
    });
    expect(checkGeometry(polygon([68.35, 43.3, 68.6, 43.45]), areas, ['shymkent'])).toEqual({ ok: true, area: city });
  });

  it('picks the same representative point as PostGIS ST_PointOnSurface', () => {
    // Values from PostGIS 3.3: SELECT ST_AsText(ST_PointOnSurface(...)).
    expect(pointOnSurface(polygon([68.3, 43.3, 68.45, 43.45]))).toEqual([68.375, 43.375]);
    const ell: GeoJSON.Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [4, 1],
          [1, 1],
          [1, 4],
          [0, 4],
          [0, 0],
        ],
      ],
    };
    expect(pointOnSurface(ell)).toEqual([0.5, 2.5]);
    const two: DrawnGeometry = { type: 'MultiPolygon', coordinates: [[ring([0, 0, 1, 1])], [ring([5, 5, 8, 6])]] };
    expect(pointOnSurface(two)).toEqual([6.5, 5.5]);
  });

  it('accepts places in any of the areas of a jurisdiction of several (a city and a district)', () => {
    const twoAreas = [region, city, area(5, 'keles', 'district', [67.6, 42.6, 67.9, 42.9])];
    expect(checkGeometry(point(67.7, 42.7), twoAreas, ['shymkent', 'keles'])).toMatchObject({ ok: true });
    expect(checkGeometry(point(68.5, 43.5), twoAreas, ['shymkent', 'keles'])).toMatchObject({ ok: true, area: city });
    expect(checkGeometry(point(69.3, 42.6), twoAreas, ['shymkent', 'keles'])).toMatchObject({
      ok: false,
      reason: 'outside',
    });
  });

  it('refuses a multipolygon with one part outside the jurisdiction', () => {
    const multi: DrawnGeometry = {
      type: 'MultiPolygon',
      coordinates: [[ring([68.25, 43.25, 68.3, 43.3])], [ring([67.6, 42.6, 67.7, 42.7])]],
    };
    expect(checkGeometry(multi, areas, ['shymkent'])).toMatchObject({ ok: false, reason: 'outside' });
  });

  it('accepts places in either part of a jurisdiction made of several parts (an exclave)', () => {
    const twoParts: AreaFeature = {
      ...city,
      geometry: {
        type: 'MultiPolygon',
        coordinates: [[ring([68.0, 43.0, 69.0, 44.0])], [ring([70.0, 43.0, 70.2, 43.2])]],
      },
    };
    const withExclave = [region, twoParts];
    expect(checkGeometry(point(70.1, 43.1), withExclave, ['shymkent'])).toEqual({ ok: true, area: twoParts });
    expect(checkGeometry(polygon([70.05, 43.05, 70.1, 43.1]), withExclave, ['shymkent'])).toEqual({
      ok: true,
      area: twoParts,
    });
    expect(checkGeometry(point(69.5, 43.1), withExclave, ['shymkent'])).toMatchObject({ ok: false, reason: 'outside' });
  });

  it('accepts a place anywhere when no jurisdiction is configured', () => {
    expect(checkGeometry(point(10, 10), areas, null)).toEqual({ ok: true, area: undefined });
    expect(checkGeometry(point(67.8, 43.5), areas, null)).toEqual({ ok: true, area: region });
    expect(checkGeometry(polygon([0, 0, 1, 1]), areas, null)).toEqual({ ok: true, area: undefined });
  });

  it('does not refuse a place while the boundaries have not loaded yet', () => {
    expect(checkGeometry(point(10, 10), [], ['shymkent'])).toEqual({ ok: true, area: undefined });
  });
});
