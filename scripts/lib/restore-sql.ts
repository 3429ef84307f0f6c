/**
 * Run before a server archive is replayed, in the same transaction: empties what Oshaq owns in
 * `public` so the database ends up exactly as the backup was. pg_restore --clean would drop only
 * the objects the archive holds, so a table added by a newer migration would survive next to an
 * older backup's knex_migrations, and the app's next start would fail creating it again.
 *
 * Extension members (PostGIS's functions, types and spatial_ref_sys) stay: the target keeps its
 * own PostGIS, which only a superuser could recreate. Rows that an extension's configuration table
 * holds beyond the extension's own are deleted, because the archive carries them.
 *
 * Every statement is worked out before the first one runs: names of objects already dropped by a
 * CASCADE can then no longer be looked up, which IF EXISTS tolerates.
 */
export const REPLACE_PUBLIC_SCHEMA = `
SET client_min_messages = warning;
SET search_path = '';
DO $oshaq_restore$
DECLARE
  statements text[];
  statement text;
BEGIN
  SELECT coalesce(array_agg(s ORDER BY step, s), '{}') INTO statements FROM (
    SELECT 1 AS step, format('DELETE FROM %I.%I %s', n.nspname, c.relname, coalesce(cfg.condition, '')) AS s
    FROM pg_extension e
    CROSS JOIN LATERAL unnest(e.extconfig, e.extcondition) AS cfg(config, condition)
    JOIN pg_class c ON c.oid = cfg.config
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r'
    UNION ALL
    -- Sequences after tables: an identity column's sequence goes with its table.
    SELECT CASE c.relkind WHEN 'S' THEN 3 ELSE 2 END, format('DROP %s IF EXISTS %I.%I CASCADE',
      CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
        WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, n.nspname, c.relname)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    UNION ALL
    SELECT 4, format('DROP %s IF EXISTS %I.%I(%s) CASCADE',
      CASE p.prokind WHEN 'a' THEN 'AGGREGATE' WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
      n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
        WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    UNION ALL
    SELECT 5, format('DROP %s IF EXISTS %I.%I CASCADE',
      CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, n.nspname, t.typname)
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r', 'c')
      AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
        WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
  ) AS work;
  FOREACH statement IN ARRAY statements LOOP
    EXECUTE statement;
  END LOOP;
END
$oshaq_restore$;
`;
