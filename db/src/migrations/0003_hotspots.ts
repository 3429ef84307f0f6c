import type { Knex } from 'knex';
import { applySqlFunctions } from '../sql-functions/index.js';
import { runStatements } from './run-statements.js';

/**
 * Hotspots and their history. The rules that keep a record meaningful live in the database
 * too (geometry type, validity and range, status/date consistency), so no path into the
 * table — API, import, script or psql — can store a broken hotspot.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `CREATE TABLE hotspot_reference_counters (
      year integer PRIMARY KEY,
      last_seq integer NOT NULL
    )`,
    `CREATE TABLE hotspots (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      reference text NOT NULL UNIQUE CHECK (reference ~ '^[0-9]{4}-[0-9]{3,}$'),
      title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
      category_id integer NOT NULL REFERENCES categories (id),
      severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
      status text NOT NULL DEFAULT 'registered'
        CHECK (status IN ('registered', 'in_progress', 'resolved', 'dismissed')),
      geom geometry(Geometry, 4326) NOT NULL,
      area_id integer REFERENCES areas (id) ON DELETE SET NULL,
      agency_id integer REFERENCES agencies (id),
      source text CHECK (source IS NULL OR length(source) <= 500),
      external_ref text UNIQUE CHECK (external_ref IS NULL OR length(btrim(external_ref)) > 0),
      registered_on date NOT NULL,
      due_on date,
      resolved_on date,
      resolution_note text,
      confidential boolean NOT NULL DEFAULT false,
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      deleted_by text,
      CONSTRAINT hotspots_geom_type CHECK (GeometryType(geom) IN ('POINT', 'POLYGON', 'MULTIPOLYGON')),
      CONSTRAINT hotspots_geom_not_empty CHECK (NOT ST_IsEmpty(geom)),
      CONSTRAINT hotspots_geom_valid CHECK (ST_IsValid(geom)),
      CONSTRAINT hotspots_geom_lonlat CHECK (
        ST_XMin(geom) >= -180 AND ST_XMax(geom) <= 180 AND ST_YMin(geom) >= -90 AND ST_YMax(geom) <= 90),
      CONSTRAINT hotspots_due_after_registered CHECK (due_on IS NULL OR due_on >= registered_on),
      CONSTRAINT hotspots_closed_after_registered
        CHECK (resolved_on IS NULL OR resolved_on >= registered_on),
      -- A closed hotspot has a closing date and a note; an open one has neither.
      CONSTRAINT hotspots_closed_has_date_and_note CHECK (
        (status IN ('resolved', 'dismissed')
           AND resolved_on IS NOT NULL AND length(btrim(coalesce(resolution_note, ''))) > 0)
        OR (status IN ('registered', 'in_progress') AND resolved_on IS NULL)),
      CONSTRAINT hotspots_deleted_by CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
    )`,
    `CREATE INDEX hotspots_geom_gist ON hotspots USING gist (geom)`,
    `CREATE INDEX hotspots_registered_on_idx ON hotspots (registered_on)`,
    `CREATE INDEX hotspots_resolved_on_idx ON hotspots (resolved_on)`,
    `CREATE INDEX hotspots_status_idx ON hotspots (status)`,
    `CREATE INDEX hotspots_category_idx ON hotspots (category_id)`,
    `CREATE INDEX hotspots_agency_idx ON hotspots (agency_id)`,
    `CREATE INDEX hotspots_area_idx ON hotspots (area_id)`,
    `CREATE INDEX hotspots_due_on_open_idx ON hotspots (due_on)
      WHERE status IN ('registered', 'in_progress')`,
  ]);
  // Numbering ("2025-018", per registration year) and placing in an area, in sql-functions/.
  await applySqlFunctions(knex, ['hotspot_reference', 'next_hotspot_reference', 'hotspots_before_write']);
  await runStatements(knex, [
    `CREATE TRIGGER hotspots_before_write BEFORE INSERT OR UPDATE ON hotspots
      FOR EACH ROW EXECUTE FUNCTION hotspots_before_write()`,
    `CREATE TABLE hotspot_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      hotspot_id uuid NOT NULL REFERENCES hotspots (id),
      kind text NOT NULL CHECK (kind IN
        ('created', 'edited', 'status_changed', 'commented', 'deleted', 'restored')),
      actor text NOT NULL CHECK (length(btrim(actor)) > 0),
      at timestamptz NOT NULL DEFAULT now(),
      from_status text CHECK (from_status IN ('registered', 'in_progress', 'resolved', 'dismissed')),
      to_status text CHECK (to_status IN ('registered', 'in_progress', 'resolved', 'dismissed')),
      note text,
      changes jsonb,
      CONSTRAINT hotspot_events_status_change CHECK (
        kind <> 'status_changed' OR (from_status IS NOT NULL AND to_status IS NOT NULL)),
      CONSTRAINT hotspot_events_comment_has_note CHECK (
        kind <> 'commented' OR length(btrim(coalesce(note, ''))) > 0)
    )`,
    `CREATE INDEX hotspot_events_hotspot_idx ON hotspot_events (hotspot_id, at)`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `DROP TABLE hotspot_events`,
    `DROP TABLE hotspots`,
    `DROP FUNCTION hotspots_before_write()`,
    `DROP FUNCTION next_hotspot_reference(integer)`,
    `DROP FUNCTION IF EXISTS hotspot_reference(integer, integer)`,
    `DROP TABLE hotspot_reference_counters`,
  ]);
}
