import type { Knex } from 'knex';
import { auditAs } from '../accounts/repo.js';
import type { Actor } from '../auth/middleware.js';
import { DomainError } from '../errors.js';
import { codeRow, codeTaken, insertCodeRow, updateCodeRow, type CodeTable } from './repo.js';

/**
 * Categories and agencies: a code names one for good, so a taken code is refused rather than
 * reused; rows are renamed, recoloured or retired, never deleted. Each change and its audit row
 * are one transaction.
 */

export interface CodeKind {
  table: CodeTable;
  entity: 'category' | 'agency';
  /** The columns an answer shows (the contract's schema). */
  columns: readonly string[];
}

/** One, as its GET answers it (with its version, for the ETag). */
export async function getCodeRow(knex: Knex, kind: CodeKind, code: string) {
  const row = await codeRow(knex, kind.table, code, kind.columns);
  if (!row) throw new DomainError('not_found', `There is no ${kind.entity} ${code}.`);
  return row as Record<string, unknown> & { version: number };
}

export async function addCodeRow(knex: Knex, actor: Actor, kind: CodeKind, input: { code: string }) {
  return knex.transaction(async (trx) => {
    if (await codeTaken(trx, kind.table, input.code)) {
      throw new DomainError('conflict', `The code ${input.code} is taken.`);
    }
    const created = await insertCodeRow(trx, kind.table, input, kind.columns);
    await auditAs(trx, actor, {
      action: `${kind.entity}.create`,
      entity: kind.entity,
      entity_id: input.code,
      after: created,
    });
    return created;
  });
}

/**
 * Changes one, if it is still the version the administrator edited (`expected`, from If-Match; `*`
 * for any): the row is locked from reading its version to writing the next, so of two parallel
 * edits of one version exactly one applies and the other is stale (412), never silently lost.
 */
export async function changeCodeRow(
  knex: Knex,
  actor: Actor,
  kind: CodeKind,
  change: { code: string; patch: object; expected: number | '*' },
) {
  const { code, patch, expected } = change;
  return knex.transaction(async (trx) => {
    const before = await codeRow(trx, kind.table, code, kind.columns, { forUpdate: true });
    if (!before) throw new DomainError('not_found', `There is no ${kind.entity} ${code}.`);
    if (expected !== '*' && before.version !== expected) {
      throw new DomainError(
        'stale',
        `The ${kind.entity} ${code} was changed by someone else since version ${expected} (it is now at ${String(before.version)}).`,
      );
    }
    const after = await updateCodeRow(trx, kind.table, code, patch, kind.columns);
    await auditAs(trx, actor, {
      action: `${kind.entity}.update`,
      entity: kind.entity,
      entity_id: code,
      before,
      after,
    });
    return after;
  });
}
