import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * A point inside each hotspot (the point itself, or a point on a polygon's surface), kept by
 * the database: clustering and CSV lon/lat read it instead of computing it for every row of
 * every zoomed-out view. Invalid geometry gets no anchor; the CHECK constraints refuse it anyway.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `ALTER TABLE hotspots ADD COLUMN anchor geometry(Point, 4326)
       GENERATED ALWAYS AS (CASE WHEN ST_IsValid(geom) THEN ST_PointOnSurface(geom) END) STORED`,
    `CREATE INDEX hotspots_anchor_gist ON hotspots USING gist (anchor)`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, ['ALTER TABLE hotspots DROP COLUMN anchor']);
}
