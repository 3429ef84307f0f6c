import type { Knex } from 'knex';

/**
 * Links every area to the smallest area of a higher level that covers it. Run after any
 * boundary change: parents depend on what else has been imported.
 */
export async function assignAreaParents(knex: Knex): Promise<void> {
  await knex.raw(`
    UPDATE areas a SET parent_id = (
      SELECT p.id FROM areas p
      WHERE p.id <> a.id
        AND area_level_rank(p.level) < area_level_rank(a.level)
        AND p.geom && ST_PointOnSurface(a.geom)
        AND ST_Covers(p.geom, ST_PointOnSurface(a.geom))
      ORDER BY area_level_rank(p.level) DESC, ST_Area(p.geom), p.id
      LIMIT 1)
  `);
}

/** Puts every hotspot in the smallest area that now contains it (looked up once a row). Returns how many moved. */
export async function reassignHotspotAreas(knex: Knex): Promise<number> {
  const result = await knex.raw<{ rowCount: number }>(`
    UPDATE hotspots h SET area_id = found.area_id
    FROM (SELECT id, smallest_area_containing(geom) AS area_id FROM hotspots) found
    WHERE h.id = found.id AND h.area_id IS DISTINCT FROM found.area_id
  `);
  return result.rowCount ?? 0;
}
