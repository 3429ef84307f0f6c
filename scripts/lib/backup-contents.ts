/**
 * What a database holds, table by table: backup and restore print it, and restore uses it to tell
 * a person exactly what a restore would replace. Works on both databases through a query function,
 * because the embedded backup talks to PGlite directly (it needs `dumpDataDir`).
 */
export type Query = (sql: string) => Promise<Record<string, unknown>[]>;

export interface TableCount {
  table: string;
  rows: number;
}

/** The project's own tables in `public`: extension tables (PostGIS's spatial_ref_sys) are not its data. */
export const OWN_TABLES_SQL = `
  SELECT c.relname AS name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    AND NOT EXISTS (
      SELECT 1 FROM pg_depend d
      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
  ORDER BY c.relname`;

/** Migration bookkeeping is not data: a freshly migrated, empty database has rows there. */
const BOOKKEEPING = new Set(['knex_migrations', 'knex_migrations_lock']);

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function tableCounts(query: Query): Promise<TableCount[]> {
  const tables = (await query(OWN_TABLES_SQL)).map((row) => String(row.name));
  const counts: TableCount[] = [];
  for (const table of tables) {
    const [row] = await query(`SELECT count(*)::int AS n FROM public.${quoteIdent(table)}`);
    counts.push({ table, rows: Number(row?.n ?? 0) });
  }
  return counts;
}

/** Whether the database was set up by Oshaq (its migrations ran there). */
export const isOshaqDatabase = (counts: TableCount[]) => counts.some((count) => count.table === 'knex_migrations');

export const holdsData = (counts: TableCount[]) =>
  counts.some((count) => count.rows > 0 && !BOOKKEEPING.has(count.table));

// The tables people recognise first, then the rest alphabetically.
const FIRST = ['hotspots', 'hotspot_events', 'users', 'audit_log', 'areas', 'categories', 'agencies'];

/** "24 hotspots, 96 hotspot_events, 5 users, …" — every table that has rows. */
export function describeCounts(counts: TableCount[]): string {
  const rank = (table: string) => (FIRST.includes(table) ? FIRST.indexOf(table) : FIRST.length);
  const shown = counts
    .filter((count) => count.rows > 0 && !BOOKKEEPING.has(count.table))
    .sort((a, b) => rank(a.table) - rank(b.table) || a.table.localeCompare(b.table))
    .map((count) => `${count.rows} ${count.table}`);
  if (shown.length === 0) return counts.length === 0 ? 'no tables' : `${counts.length} empty tables`;
  const empty = counts.filter((count) => count.rows === 0 && !BOOKKEEPING.has(count.table)).length;
  return `${shown.join(', ')}${empty > 0 ? ` (and ${empty} empty table${empty === 1 ? '' : 's'})` : ''}`;
}
