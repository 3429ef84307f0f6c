import type { Knex } from 'knex';
import * as reference from './0001_reference.js';
import * as areas from './0002_areas.js';
import * as hotspots from './0003_hotspots.js';
import * as kazakhText from './0004_kazakh_text.js';
import * as anchor from './0005_hotspot_anchor.js';
import * as accounts from './0006_accounts_and_audit.js';
import * as meetings from './0007_meetings.js';
import * as dataVersion from './0008_data_version.js';
import * as areaPieces from './0009_area_pieces.js';
import * as searchIndex from './0010_search_index.js';
import * as idempotencyKeys from './0011_idempotency_keys.js';
import * as signInLimits from './0012_sign_in_limits.js';
import * as secondFactor from './0013_second_factor.js';
import * as idempotencyAnyResource from './0014_idempotency_any_resource.js';
import * as categoryDueDays from './0015_category_due_days.js';
import * as hotspotDeletionReason from './0016_hotspot_deletion_reason.js';
import * as duplicateHotspots from './0017_duplicate_hotspots.js';
import * as places from './0018_places.js';
import * as searchText from './0019_search_text.js';
import * as hotspotCells from './0020_hotspot_cells.js';
import * as refusalsAndReferenceVersions from './0021_refusals_and_reference_versions.js';
import * as hotspotGrid from './0022_hotspot_grid.js';
import * as searchTextFoldedOnce from './0023_search_text_folded_once.js';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * Migrations are listed here rather than discovered on disk, so the same list runs under
 * tsx, vitest and any bundler, on both databases. Append only; never change what a landed one
 * does to tables. Functions are not defined here: each has one current definition in
 * ../sql-functions/, which migrations apply where they need it and every start applies again.
 */
export const migrations: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['0001_reference', reference],
  ['0002_areas', areas],
  ['0003_hotspots', hotspots],
  ['0004_kazakh_text', kazakhText],
  ['0005_hotspot_anchor', anchor],
  ['0006_accounts_and_audit', accounts],
  ['0007_meetings', meetings],
  ['0008_data_version', dataVersion],
  ['0009_area_pieces', areaPieces],
  ['0010_search_index', searchIndex],
  ['0011_idempotency_keys', idempotencyKeys],
  ['0012_sign_in_limits', signInLimits],
  ['0013_second_factor', secondFactor],
  ['0014_idempotency_any_resource', idempotencyAnyResource],
  ['0015_category_due_days', categoryDueDays],
  ['0016_hotspot_deletion_reason', hotspotDeletionReason],
  ['0017_duplicate_hotspots', duplicateHotspots],
  ['0018_places', places],
  ['0019_search_text', searchText],
  ['0020_hotspot_cells', hotspotCells],
  ['0021_refusals_and_reference_versions', refusalsAndReferenceVersions],
  ['0022_hotspot_grid', hotspotGrid],
  ['0023_search_text_folded_once', searchTextFoldedOnce],
];
