export type { Database, DatabaseKind } from './types.js';
export { openDatabase, closeOnSignals, type OpenOptions } from './open.js';
export { describeConnection } from './server.js';
export { MissingPostgisError, missingPostgisMessage, ensurePostgis } from './postgis.js';
export { migrateToLatest, pendingMigrations, rollbackAll } from './migrate.js';
export { seedReference } from './seed/reference.js';
export { seedDemo, planDemoHotspot } from './seed/demo.js';
export { localToday } from './seed/dates.js';
export { importBoundaries } from './geodata/import-boundaries.js';
export type { BoundaryImportOptions, BoundaryImportReport, BoundaryProblem } from './geodata/import-boundaries.js';
export { AREA_LEVELS, type AreaLevel } from './geodata/boundary-input.js';
export { assignAreaParents, reassignHotspotAreas } from './geodata/area-links.js';
export { prepareDatabase, type PrepareResult } from './prepare.js';
export { databaseEnvShape, databaseEnvSchema, describeEnvIssues, presentVariables } from './env.js';
export { closedUncleanly, dataDirUsers, type DataDirUse } from './data-dir-users.js';
export { DataDirInUseError, EMBEDDED_EXTENSIONS } from './embedded.js';
export {
  bboxEnvelope,
  bboxOverlaps,
  geometry2DFromGeoJSON,
  geometryFromGeoJSON,
  intersectsBbox,
  postgis,
  SRID,
  type LonLatBox,
} from './geometry-sql.js';
