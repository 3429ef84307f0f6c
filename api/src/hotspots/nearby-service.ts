import type { Knex } from 'knex';
import type { Viewer } from '../auth/visibility.js';
import { NEARBY_LIMIT, NEARBY_RESOLVED_DAYS, type NearbyAnswer, type NearbyQuery } from '../contract/hotspot-nearby.js';
import { invalid } from '../errors.js';
import { categoryRadius, hotspotsNear } from './nearby-repo.js';

/** Open (or lately resolved) hotspots of a category near a place, within the category's radius. */
export async function nearbyHotspots(
  knex: Knex,
  viewer: Viewer,
  query: NearbyQuery,
  today: string,
): Promise<NearbyAnswer> {
  const category = await categoryRadius(knex, query.category);
  if (!category) {
    throw invalid('category', 'unknown_code', `has an unknown code: ${query.category} (see /api/categories)`, {
      code: query.category,
    });
  }
  const radius = category.duplicate_radius_m;
  if (radius === 0) return { radius_m: 0, hotspots: [] };
  const hotspots = await hotspotsNear(knex, viewer, {
    categoryId: category.id,
    lon: query.lon,
    lat: query.lat,
    radius,
    today,
    resolvedWithinDays: NEARBY_RESOLVED_DAYS,
    limit: NEARBY_LIMIT,
  });
  return { radius_m: radius, hotspots };
}
