import type { Point, Polygon, Position } from 'geojson';
import type { Random } from './random.js';
import { insideKazakhstanBbox, KAZAKHSTAN_BBOX, type Settlement, spreadKm } from './settlements.js';

/**
 * Where one hotspot lies: a Gaussian scatter around a settlement, or anywhere in the country's
 * bbox for the sparse remainder; a point, or a small square or hexagon as staff draw for a block
 * of flats or a market. Coordinates are rounded to 6 decimals (about 10 cm), as GeoJSON exports are.
 */
const METRES_PER_DEGREE = 111_320;

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** A position scattered around `settlement` with its spread, retried until inside the bbox. */
export function scatterAround(settlement: Settlement, random: Random): Position {
  const sigmaMetres = spreadKm(settlement) * 1000;
  const cosLat = Math.cos((settlement.lat * Math.PI) / 180);
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const lon = settlement.lon + (random.gaussian() * sigmaMetres) / (METRES_PER_DEGREE * cosLat);
    const lat = settlement.lat + (random.gaussian() * sigmaMetres) / METRES_PER_DEGREE;
    if (insideKazakhstanBbox(lon, lat)) return [round6(lon), round6(lat)];
  }
  // A place on the bbox's edge with every draw outside: the place itself is inside.
  return [round6(settlement.lon), round6(settlement.lat)];
}

export function uniformInBbox(random: Random): Position {
  const b = KAZAKHSTAN_BBOX;
  return [round6(b.west + random.next() * (b.east - b.west)), round6(b.south + random.next() * (b.north - b.south))];
}

/**
 * A regular square or hexagon of 50–500 m across around `centre`, turned by a random angle, its
 * ring counter-clockwise (RFC 7946) and closed. Vertices are at least 25 m apart, far above the
 * rounding, so the ring stays simple and valid after rounding.
 */
export function smallPolygon(centre: Position, random: Random): Polygon {
  const [lon, lat] = centre as [number, number];
  const sides = random.chance(0.5) ? 4 : 6;
  const radiusMetres = random.int(50, 500) / 2;
  const turn = random.next() * 2 * Math.PI;
  const cosLat = Math.cos((lat * Math.PI) / 180);
  const ring: Position[] = [];
  for (let k = 0; k < sides; k += 1) {
    // Increasing angles run anticlockwise with x east and y north.
    const angle = turn + (2 * Math.PI * k) / sides;
    ring.push([
      round6(lon + (radiusMetres * Math.cos(angle)) / (METRES_PER_DEGREE * cosLat)),
      round6(lat + (radiusMetres * Math.sin(angle)) / METRES_PER_DEGREE),
    ]);
  }
  ring.push([...(ring[0] as Position)]);
  return { type: 'Polygon', coordinates: [ring] };
}

export function pointAt(position: Position): Point {
  return { type: 'Point', coordinates: position };
}

/** Whether every vertex of a geometry is inside the bbox (a polygon near the edge may not be). */
export function geometryInsideBbox(geometry: Point | Polygon): boolean {
  const positions = geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates.flat();
  return positions.every(([lon, lat]) => insideKazakhstanBbox(lon as number, lat as number));
}

/** Well-known text, which PostGIS parses faster than GeoJSON and which keeps the batches small. */
export function toWkt(geometry: Point | Polygon): string {
  if (geometry.type === 'Point') return `POINT(${geometry.coordinates[0]} ${geometry.coordinates[1]})`;
  const rings = geometry.coordinates.map((ring) => `(${ring.map(([x, y]) => `${x} ${y}`).join(',')})`);
  return `POLYGON(${rings.join(',')})`;
}
