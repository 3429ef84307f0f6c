import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * Finding the area a hotspot lies in, fast. A region's boundary has thousands of vertices, and
 * testing a point against it (ST_Covers) walks all of them, for every hotspot written: with the
 * country's regions and districts loaded that cost ~0.5 ms a row, most of an import's time.
 * Each area is kept here also cut into pieces of at most 128 vertices (ST_Subdivide), each with
 * its own bounding box in the GiST index, so the test touches one small piece. A point on a cut
 * lies in two pieces of the same area, so the answer is the same as against the whole boundary.
 *
 * The pieces follow the areas by trigger, so every path that writes areas (the boundary import,
 * psql) keeps them in step; the level's rank and the area's size are stored with them so the
 * lookup needs no join.
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
    `CREATE FUNCTION area_pieces_follow() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          DELETE FROM area_pieces WHERE area_id = OLD.id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO area_pieces (area_id, level_rank, area_size, geom)
            SELECT NEW.id, area_level_rank(NEW.level), ST_Area(NEW.geom), ST_Subdivide(NEW.geom, 128);
        END IF;
        RETURN NULL;
      END $$`,
    `CREATE TRIGGER area_pieces_follow AFTER INSERT OR DELETE OR UPDATE OF geom, level ON areas
      FOR EACH ROW EXECUTE FUNCTION area_pieces_follow()`,
    `INSERT INTO area_pieces (area_id, level_rank, area_size, geom)
      SELECT id, area_level_rank(level), ST_Area(geom), ST_Subdivide(geom, 128) FROM areas`,
    // The pieces change only with areas, which are tracked; tracking them too keeps the rule
    // simple (every table of the application is tracked or deliberately listed as not).
    `SELECT data_version_track('area_pieces'::regclass)`,
    // Same answer as 0002's version (highest level, then smallest, then lowest id), from the pieces.
    `CREATE OR REPLACE FUNCTION smallest_area_containing(g geometry) RETURNS integer
      LANGUAGE sql STABLE AS $$
        SELECT p.area_id FROM area_pieces p
        WHERE p.geom && ST_PointOnSurface(g) AND ST_Covers(p.geom, ST_PointOnSurface(g))
        ORDER BY p.level_rank DESC, p.area_size ASC, p.area_id
        LIMIT 1
      $$`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `CREATE OR REPLACE FUNCTION smallest_area_containing(g geometry) RETURNS integer
      LANGUAGE sql STABLE AS $$
        SELECT a.id FROM areas a
        WHERE a.geom && ST_PointOnSurface(g) AND ST_Covers(a.geom, ST_PointOnSurface(g))
        ORDER BY area_level_rank(a.level) DESC, ST_Area(a.geom) ASC, a.id
        LIMIT 1
      $$`,
    `DROP TABLE area_pieces`,
    `DROP FUNCTION area_pieces_follow()`,
  ]);
}
