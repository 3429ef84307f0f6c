import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * Registering the same issue twice. Per category, the distance within which a new hotspot is
 * compared with open (or recently resolved) ones of that category, in metres (0: no warning);
 * a hotspot registered anyway as a duplicate names the one it repeats, and counts of hotspots
 * entered leave it out (it is one issue). The GiST index on geography serves ST_DWithin in metres.
 * Both tables are already part of the data version.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `ALTER TABLE categories ADD COLUMN duplicate_radius_m integer NOT NULL DEFAULT 300
       CHECK (duplicate_radius_m BETWEEN 0 AND 5000)`,
    `ALTER TABLE hotspots ADD COLUMN duplicate_of uuid REFERENCES hotspots (id),
       ADD CONSTRAINT hotspots_not_duplicate_of_itself CHECK (duplicate_of <> id)`,
    `CREATE INDEX hotspots_duplicate_of_idx ON hotspots (duplicate_of) WHERE duplicate_of IS NOT NULL`,
    `CREATE INDEX hotspots_geog_gist ON hotspots USING gist ((geom::geography))`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `DROP INDEX hotspots_geog_gist`,
    `DROP INDEX hotspots_duplicate_of_idx`,
    `ALTER TABLE hotspots DROP CONSTRAINT hotspots_not_duplicate_of_itself, DROP COLUMN duplicate_of`,
    `ALTER TABLE categories DROP COLUMN duplicate_radius_m`,
  ]);
}
