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

/** Puts every hotspot in the smallest area that now contains it. Returns how many moved. */
export async function reassignHotspotAreas(knex: Knex): Promise<number> {
  const result = await knex.raw<{ rowCount: number }>(`
    UPDATE hotspots SET area_id = smallest_area_containing(geom)
    WHERE area_id IS DISTINCT FROM smallest_area_containing(geom)
  `);
  return result.rowCount ?? 0;
}
