import type { Knex } from 'knex';
import { applySqlFunctions } from '../sql-functions/index.js';
import { runStatements } from './run-statements.js';

/**
 * Finding the area a hotspot lies in, fast. A region's boundary has thousands of vertices, and
 * testing a point against it (ST_Covers) walks all of them, for every hotspot written: with the
 * country's regions and districts loaded that cost ~0.5 ms a row, most of an import's time.
 * Each area is kept here also cut into pieces of at most 128 vertices (ST_Subdivide), each with
 * its own bounding box in the GiST index, so the test touches one small piece. A point on a cut
 * lies in two pieces of the same area, so the answer is the same as against the whole boundary.
 *
 * The pieces follow the areas by trigger (area_pieces_follow), so every path that writes areas
 * (the boundary import, psql) keeps them in step; the level's rank and the area's size are stored
 * with them so the lookup (smallest_area_containing) needs no join. Both live in sql-functions/.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `CREATE TABLE area_pieces (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      area_id integer NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
      level_rank integer NOT NULL,
      area_size double precision NOT NULL,
      geom geometry(Geometry, 4326) NOT NULL
    )`,
    `CREATE INDEX area_pieces_geom_gist ON area_pieces USING gist (geom)`,
    `CREATE INDEX area_pieces_area_idx ON area_pieces (area_id)`,
  ]);
  await applySqlFunctions(knex, ['area_pieces_follow']);
  await runStatements(knex, [
    `CREATE TRIGGER area_pieces_follow AFTER INSERT OR DELETE OR UPDATE OF geom, level ON areas
      FOR EACH ROW EXECUTE FUNCTION area_pieces_follow()`,
    `INSERT INTO area_pieces (area_id, level_rank, area_size, geom)
      SELECT id, area_level_rank(level), ST_Area(geom), ST_Subdivide(geom, 128) FROM areas`,
    // The pieces change only with areas, which are tracked; tracking them too keeps the rule
    // simple (every table of the application is tracked or deliberately listed as not).
    `SELECT data_version_track('area_pieces'::regclass)`,
  ]);
  // The first place its definition (which reads the pieces) is valid. Databases made before the
  // functions moved to sql-functions/ had a version reading areas from 0002: this replaces it.
  await applySqlFunctions(knex, ['smallest_area_containing']);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [
    // Its one definition reads the pieces, so it goes with them: a database rolled back to 0008
    // takes no hotspot until migrated forward again, which every start does.
    `DROP FUNCTION smallest_area_containing(geometry)`,
    `DROP TABLE area_pieces`,
    `DROP TRIGGER area_pieces_follow ON areas`,
    `DROP FUNCTION area_pieces_follow()`,
  ]);
}
