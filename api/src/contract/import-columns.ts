/**
 * The columns of a hotspot import CSV: the API reads them, the web app's template writes them. The
 * place is `lon` + `lat` or `wkt`; the template offers lon/lat, the easier to fill in a spreadsheet.
 */
export const IMPORT_TEXT_COLUMNS = [
  'external_ref',
  'title',
  'description',
  'category',
  'severity',
  'agency',
  'registered_on',
  'due_on',
  'source',
] as const;

export const IMPORT_TEMPLATE_COLUMNS = [...IMPORT_TEXT_COLUMNS, 'confidential', 'lon', 'lat'] as const;
