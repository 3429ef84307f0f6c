import type { SqlFunction } from './index.js';

/**
 * Where a hotspot lies: the area of the highest level (then the smallest, then the lowest id) that
 * covers the geometry's representative point. It reads area_pieces (each area cut into pieces of
 * at most 128 vertices, migration 0009), so the test touches one small piece instead of a region's
 * boundary of thousands of vertices.
 */
export const smallestAreaContaining: SqlFunction = {
  signature: 'smallest_area_containing(geometry)',
  statement: `CREATE OR REPLACE FUNCTION smallest_area_containing(g geometry) RETURNS integer
  LANGUAGE sql STABLE AS $$
    SELECT p.area_id FROM area_pieces p
    WHERE p.geom && ST_PointOnSurface(g) AND ST_Covers(p.geom, ST_PointOnSurface(g))
    ORDER BY p.level_rank DESC, p.area_size ASC, p.area_id
    LIMIT 1
  $$`,
};
