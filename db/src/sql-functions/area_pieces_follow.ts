import type { SqlFunction } from './index.js';

/**
 * Keeps area_pieces in step with areas (migration 0009 says why the pieces exist): every write of
 * an area's geometry or level cuts it again into pieces of at most 128 vertices, with its level's
 * rank and its size, so smallest_area_containing needs no join.
 */
export const areaPiecesFollow: SqlFunction = {
  signature: 'area_pieces_follow()',
  statement: `CREATE OR REPLACE FUNCTION area_pieces_follow() RETURNS trigger
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
};
