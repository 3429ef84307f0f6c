import type { Knex } from 'knex';
import type { Viewer } from '../auth/visibility.js';
import type { NearbyHotspot } from '../contract/hotspot-nearby.js';
import { visibleHotspots } from '../sql/visible-hotspots.js';

/** A category's id and duplicate radius, or undefined for an unknown code. */
export async function categoryRadius(knex: Knex, code: string) {
  return (await knex('categories').where({ code }).first('id', 'duplicate_radius_m')) as
    { id: number; duplicate_radius_m: number } | undefined;
}

/**
 * Hotspots the viewer may see, of one category, within `radius` metres of a point: open ones, and
 * those resolved in the `resolvedWithinDays` days before `today` (date arithmetic in SQL, as
 * everywhere else, rather than one more copy of it in JavaScript). Duplicates are left out (the one they repeat is the
 * issue). ST_DWithin over geography with a constant distance uses the GiST index on geom::geography.
 */
export async function hotspotsNear(
  knex: Knex,
  viewer: Viewer,
  near: {
    categoryId: number;
    lon: number;
    lat: number;
    radius: number;
    today: string;
    resolvedWithinDays: number;
    limit: number;
  },
): Promise<NearbyHotspot[]> {
  const place = knex.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography', [near.lon, near.lat]);
  return visibleHotspots(knex, viewer)
    .where('h.category_id', near.categoryId)
    .whereNull('h.duplicate_of')
    .whereRaw('ST_DWithin(h.geom::geography, ?, ?)', [place, near.radius])
    .whereRaw(
      "(h.status IN ('registered', 'in_progress') OR (h.status = 'resolved' AND h.resolved_on >= ?::date - ?::integer))",
      [near.today, near.resolvedWithinDays],
    )
    .select(
      'h.id',
      'h.reference',
      'h.title',
      'h.status',
      'h.registered_on',
      'h.resolved_on',
      knex.raw('round(ST_Distance(h.geom::geography, ?))::integer AS distance_m', [place]),
    )
    .orderBy([{ column: 'distance_m' }, { column: 'h.registered_on', order: 'desc' }])
    .limit(near.limit) as Promise<NearbyHotspot[]>;
}

/** A live hotspot the viewer may see, and the one it repeats if it is a duplicate. */
export async function duplicateTarget(knex: Knex, viewer: Viewer, id: string) {
  return (await visibleHotspots(knex, viewer).where('h.id', id).first('h.id', 'h.duplicate_of')) as
    { id: string; duplicate_of: string | null } | undefined;
}

/** The live duplicates of a hotspot, earliest first, locked: its deletion hands the issue to them. */
export async function liveDuplicatesOf(knex: Knex, viewer: Viewer, id: string) {
  return (await visibleHotspots(knex, viewer)
    .where('h.duplicate_of', id)
    .orderBy([{ column: 'h.registered_on' }, { column: 'h.created_at' }, { column: 'h.id' }])
    .forUpdate()
    .select('h.id', 'h.version')) as { id: string; version: number }[];
}

/**
 * The duplicate that took over the issue when this hotspot was deleted (the latest such edit in
 * its history), if it still stands for it: live, visible and no one's duplicate.
 */
export async function duplicateStandIn(knex: Knex, viewer: Viewer, id: string): Promise<string | undefined> {
  const promoted = (await knex('hotspot_events')
    .where('kind', 'edited')
    .whereRaw("changes -> 'duplicate_of' ->> 'from' = ?", [id])
    .whereRaw("jsonb_typeof(changes -> 'duplicate_of' -> 'to') = 'null'")
    .orderBy('id', 'desc')
    .first('hotspot_id')) as { hotspot_id: string } | undefined;
  if (!promoted) return undefined;
  const standing = await visibleHotspots(knex, viewer)
    .where('h.id', promoted.hotspot_id)
    .whereNull('h.duplicate_of')
    .first('h.id');
  return (standing as { id: string } | undefined)?.id;
}
