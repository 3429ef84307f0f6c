/**
 * The media types the API answers with, named once: routes set them on answers and declare them in
 * OpenAPI from here, so the document and the headers cannot disagree.
 */

export const JSON_TYPE = 'application/json';
/** RFC 7946 GeoJSON: hotspots, areas, clusters, OGC API items. */
export const GEOJSON = 'application/geo+json';
/** RFC 9457 problem details: every error answer. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.1';
/** Office Open XML workbooks: the hotspot export and the discipline report. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
