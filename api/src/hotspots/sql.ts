import type { HotspotListQuery } from '../contract/hotspots.js';
import { utc } from '../sql/time.js';
import { visibleHotspotsSql, type HotspotReader } from '../sql/visible-hotspots.js';

/**
 * The original a duplicate names, as the reader may see it: a confidential original (or one made
 * confidential later) is null for those who may not open it, or its id would show that it exists.
 * A deleted original is null too (its deletion hands the issue on, see deletion.ts).
 */
const duplicateOfFor = (reader: HotspotReader) =>
  `(SELECT o.id FROM ${visibleHotspotsSql(reader, { as: 'o' })} WHERE o.id = h.duplicate_of)`;

/**
 * One hotspot as a GeoJSON Feature for a reader, built in SQL so that a page of features is sent
 * as text without being parsed and re-serialised in JavaScript. Expects aliases h (hotspots),
 * c (categories), ag (agencies) and one binding: today's date (for `overdue`).
 */
export const featureJson = (reader: HotspotReader) => `json_build_object(
  'type', 'Feature',
  'id', h.id,
  'geometry', ST_AsGeoJSON(h.geom, 6)::json,
  'properties', json_build_object(
    'reference', h.reference, 'title', h.title, 'description', h.description,
    'category', c.code, 'severity', h.severity, 'status', h.status, 'area_id', h.area_id,
    'agency', ag.code, 'source', h.source, 'external_ref', h.external_ref,
    'registered_on', h.registered_on, 'due_on', h.due_on, 'resolved_on', h.resolved_on,
    'resolution_note', h.resolution_note, 'duplicate_of', ${duplicateOfFor(reader)},
    'overdue', hotspot_is_overdue(h.status, h.due_on, ?::date),
    'confidential', h.confidential, 'version', h.version,
    'created_by', h.created_by, 'created_at', ${utc('h.created_at')},
    'updated_by', h.updated_by, 'updated_at', ${utc('h.updated_at')}))`;

/**
 * One hotspot as the map draws it (the list's view=map, HotspotMapFeature): shape, the colour's
 * category, the status's style, the label's reference and title, severity, and the version the
 * map layer compares to redraw an edited hotspot. No description, notes, dates, agency or
 * duplicate lookup: for a street view that is most of the bytes and of the work per row. Same
 * aliases as featureJson (h, c) and no binding; the geometry is written exactly as there.
 *
 * The envelope is joined as text around the geometry's GeoJSON rather than built as json: json
 * would parse ST_AsGeoJSON's text again only to print it (measured on a street view of 501 at
 * 100k: 5.2–5.5 ms against 5.9–6.3 ms at best, the gap wider under load). The id is a UUID and
 * ST_AsGeoJSON writes JSON, so nothing in it needs escaping; the properties are json as ever.
 */
export const mapFeatureJson = `('{"type":"Feature","id":"' || h.id || '","geometry":' || ST_AsGeoJSON(h.geom, 6) ||
  ',"properties":' || json_build_object(
    'reference', h.reference, 'title', h.title, 'category', c.code,
    'severity', h.severity, 'status', h.status, 'version', h.version)::text || '}')`;

type SortKey = HotspotListQuery['sort'] extends `-${infer K}` | infer K ? K : never;

/**
 * Sort expressions with a total order (id breaks ties) so keyset paging never skips or repeats.
 * `cast` is the SQL type a cursor value is read back as.
 */
const SORTS: Record<string, { expr: string; cast: string }> = {
  registered_on: { expr: 'h.registered_on', cast: 'date' },
  due_on: { expr: "coalesce(h.due_on, '9999-12-31'::date)", cast: 'date' },
  severity: {
    expr: "(CASE h.severity WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 4 END)",
    cast: 'integer',
  },
  reference: { expr: "lpad(h.reference, 16, '0')", cast: 'text' },
  title: { expr: 'kk_sort_key(h.title) COLLATE "C"', cast: 'text' },
  updated_at: { expr: 'h.updated_at', cast: 'timestamptz' },
} satisfies Record<SortKey, unknown>;

export function parseSort(sort: HotspotListQuery['sort']) {
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  const spec = SORTS[key];
  if (!spec) throw new Error(`unknown sort ${sort}`);
  return { key, descending, ...spec };
}
