import type { Knex } from 'knex';
import { bboxOverlaps } from '@oshaq/db';
import type { Viewer } from '../auth/visibility.js';
import type { Bbox } from '../contract/common.js';
import { filteredHotspots, type ResolvedFilters } from '../hotspots/filter-sql.js';

/** Grid cell size in degrees for a zoom level: about 64 screen pixels of a 256-pixel tile. */
function cellSize(zoom: number): number {
  return 360 / 2 ** zoom / 4;
}

/**
 * Clusters hotspots on a grid in SQL: one row per occupied cell with its count and the
 * mean position of its members, so a country-wide view returns hundreds of rows whatever the
 * number of hotspots. Uses the stored anchor point and its GiST index.
 */
export async function clusterJson(
  knex: Knex,
  viewer: Viewer,
  filters: ResolvedFilters,
  bbox: Bbox,
  zoom: number,
  today: string,
): Promise<string> {
  const cell = cellSize(zoom);
  const members = filteredHotspots(knex, viewer, { ...filters, bbox: undefined }, today)
    .where(bboxOverlaps('h.anchor', bbox))
    .select(
      knex.raw('floor(ST_X(h.anchor) / ?)::bigint AS cx', [cell]),
      knex.raw('floor(ST_Y(h.anchor) / ?)::bigint AS cy', [cell]),
      knex.raw('ST_X(h.anchor) AS x'),
      knex.raw('ST_Y(h.anchor) AS y'),
      'h.id',
      'h.status',
      knex.raw('hotspot_is_overdue(h.status, h.due_on, ?::date) AS is_overdue', [today]),
    );
  const clusters = knex
    .from(members.as('m'))
    .groupBy('cx', 'cy')
    .select(
      knex.raw(`json_build_object(
        'type', 'Feature',
        'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(round(avg(x)::numeric, 6), round(avg(y)::numeric, 6))),
        'properties', json_build_object(
          'count', count(*),
          'open', count(*) FILTER (WHERE status IN ('registered', 'in_progress')),
          'resolved', count(*) FILTER (WHERE status = 'resolved'),
          'overdue', count(*) FILTER (WHERE is_overdue),
          'bbox', json_build_array(min(x), min(y), max(x), max(y)),
          'hotspot_id', CASE WHEN count(*) = 1 THEN min(id::text) END)) AS feature`),
    );
  const rows: { feature: string }[] = await knex.from(clusters.as('c')).select(knex.raw('c.feature::text AS feature'));
  return `{"type":"FeatureCollection","features":[${rows.map((row) => row.feature).join(',')}]}`;
}
