import type { Knex } from 'knex';
import { type BoundaryImportOptions, type BoundaryImportReport, importBoundaries } from '@oshaq/db';
import { auditAs } from '../accounts/repo.js';
import type { Actor } from '../auth/middleware.js';

/**
 * Boundaries uploaded by an administrator, as `npm run geodata:import` loads them: a dry run
 * writes nothing; a real run writes the areas, their parents, the hotspots' areas and its audit
 * row in one transaction, or nothing.
 */
export async function importAreas(
  knex: Knex,
  actor: Actor,
  document: unknown,
  options: BoundaryImportOptions,
): Promise<BoundaryImportReport> {
  if (options.dryRun) return importBoundaries(knex, document, options);
  return knex.transaction(async (trx) => {
    const written = await importBoundaries(trx, document, options);
    if (written.written) {
      await auditAs(trx, actor, {
        action: 'area.import',
        entity: 'area',
        after: {
          source: options.source,
          level: options.level,
          added: written.added,
          updated: written.updated,
          repaired: written.repaired.length,
        },
      });
    }
    return written;
  });
}
