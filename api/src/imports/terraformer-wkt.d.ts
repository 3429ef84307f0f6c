/** The package ships no types; this is the part the import uses. */
declare module '@terraformer/wkt' {
  export function wktToGeoJSON(wkt: string): { type: string; coordinates?: unknown };
}
