import type { Knex } from 'knex';
import { geometryFromGeoJSON } from '@oshaq/db';
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

/**
 * A live hotspot the viewer may see, the one it repeats if it is a duplicate, its category with
 * that category's radius, and how far (metres, rounded) it is from a new hotspot's geometry.
 */
export async function duplicateTarget(knex: Knex, viewer: Viewer, id: string, geometry: unknown) {
  const place = knex.raw('?::geography', [geometryFromGeoJSON(JSON.stringify(geometry))]);
  return (await visibleHotspots(knex, viewer)
    .join('categories as c', 'c.id', 'h.category_id')
    .where('h.id', id)
    .first(
      'h.id',
      'h.duplicate_of',
      'h.category_id',
      'c.duplicate_radius_m',
      knex.raw('round(ST_Distance(h.geom::geography, ?))::integer AS distance_m', [place]),
    )) as
    | { id: string; duplicate_of: string | null; category_id: number; duplicate_radius_m: number; distance_m: number }
    | undefined;
}

/** Which hotspot one repeats (null when it is no duplicate) and its category, for checking an edit. */
export async function duplicateStanding(knex: Knex, viewer: Viewer, id: string) {
  return (await visibleHotspots(knex, viewer).where('h.id', id).first('h.duplicate_of', 'h.category_id')) as
    { duplicate_of: string | null; category_id: number } | undefined;
}

/**
 * The live duplicates of an original that a new geometry of it would leave farther than the
 * category's radius (plus `tolerance` metres), farthest first: moving the original there would
 * count as one issue hotspots that are no longer near each other.
 */
export async function duplicatesOutOfReach(
  knex: Knex,
  viewer: Viewer,
  originalId: string,
  geometry: unknown,
  tolerance: number,
) {
  const place = knex.raw('?::geography', [geometryFromGeoJSON(JSON.stringify(geometry))]);
  return (await visibleHotspots(knex, viewer)
    .join('categories as c', 'c.id', 'h.category_id')
    .where('h.duplicate_of', originalId)
    .whereRaw('NOT ST_DWithin(h.geom::geography, ?, c.duplicate_radius_m + ?)', [place, tolerance])
    .orderBy([{ column: 'distance_m', order: 'desc' }, { column: 'h.reference' }])
    .select(
      'h.reference',
      'c.duplicate_radius_m',
      knex.raw('round(ST_Distance(h.geom::geography, ?))::integer AS distance_m', [place]),
    )) as {
    reference: string;
    duplicate_radius_m: number;
    distance_m: number;
  }[];
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
 * The hotspot that took over the issue when this one was deleted (promoteDuplicates), as recorded
 * with the deletion in the audit trail (`stand_in` in the latest hotspot.delete entry's after):
 * read on the audit's (entity, entity_id) index, not by scanning every hotspot's history.
 */
export async function recordedStandIn(knex: Knex, deletedId: string): Promise<string | undefined> {
  const row = (await knex('audit_log')
    .where({ entity: 'hotspot', entity_id: deletedId, action: 'hotspot.delete' })
    .orderBy('id', 'desc')
    .first(knex.raw("after ->> 'stand_in' AS stand_in"))) as { stand_in: string | null } | undefined;
  return row?.stand_in ?? undefined;
}

/** Most links a chain of stand-ins and originals is followed through (a guard, not a rule). */
const MAX_CHAIN = 100;

/**
 * The live original that now stands for the issue `start` belongs to, locked (FOR UPDATE) so it
 * stays the one counted until the caller commits: a live original is itself; a live duplicate
 * leads to its original; a deleted hotspot leads to the one that took over from it. Undefined
 * when the chain ends at no live original (no one took over, or that one cannot be seen).
 */
export async function liveOriginalOf(knex: Knex, viewer: Viewer, start: string): Promise<string | undefined> {
  const seen = new Set<string>();
  let next: string | undefined = start;
  while (next && !seen.has(next) && seen.size < MAX_CHAIN) {
    seen.add(next);
    const row = (await visibleHotspots(knex, viewer, { withDeleted: true })
      .where('h.id', next)
      .forUpdate()
      .first('h.id', 'h.duplicate_of', knex.raw('h.deleted_at IS NOT NULL AS deleted'))) as
      { id: string; duplicate_of: string | null; deleted: boolean } | undefined;
    if (!row) return undefined;
    if (row.deleted) next = await recordedStandIn(knex, row.id);
    else if (row.duplicate_of) next = row.duplicate_of;
    else return row.id;
  }
  return undefined;
}
