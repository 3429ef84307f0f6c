import type { Knex } from 'knex';
import type { Actor } from '../auth/middleware.js';
import type { AssignmentListQuery } from '../contract/meeting-reports.js';
import type { AssignmentItem } from '../contract/meetings.js';
import { invalid } from '../errors.js';
import { agenciesByCode, hotspotKnown } from '../meetings/repo.js';
import { listAssignments, type AssignmentFilters } from './assignments-repo.js';

/**
 * The filters over agencies' parts of instructions, shared by GET /api/instructions and the
 * discipline report, so each count of the report equals the length of the list it summarises.
 */

/** Ids for agency codes to filter on; an unknown code is refused. */
export async function agencyFilter(knex: Knex, codes: string[] | undefined): Promise<number[] | undefined> {
  if (!codes) return undefined;
  const found = await agenciesByCode(knex, codes);
  const unknown = codes.filter((code) => !found.has(code));
  if (unknown.length)
    throw invalid('agency', 'unknown_code', `has unknown code(s): ${unknown.join(', ')} (see /api/agencies)`, {
      code: unknown.join(', '),
    });
  return codes.map((code) => (found.get(code) as { id: number }).id);
}

/** Turns the list's query into filters; a hotspot the caller may not see reads as one that does not exist. */
async function resolveAssignmentFilters(
  knex: Knex,
  query: Omit<AssignmentListQuery, 'limit' | 'offset'>,
  actor: Actor,
): Promise<AssignmentFilters> {
  const { agency, mine, ...rest } = query;
  const filters: AssignmentFilters = {
    ...rest,
    viewer: actor.viewer,
    ownAgency: actor.agencyId,
    agencyIds: await agencyFilter(knex, agency),
  };
  if (mine) {
    if (actor.agencyId === null)
      throw invalid('mine', 'needs_agency_account', 'needs an account of an agency: yours belongs to none');
    const mineOnly = [actor.agencyId];
    filters.agencyIds = filters.agencyIds ? filters.agencyIds.filter((id) => id === actor.agencyId) : mineOnly;
  }
  if (query.hotspot && !(await hotspotKnown(knex, actor.viewer, query.hotspot))) {
    throw invalid('hotspot', 'unknown_hotspot', `names no hotspot: ${query.hotspot} does not exist`, {
      id: query.hotspot,
    });
  }
  return filters;
}

/** A page of agencies' parts for the list's query ("my tasks" with mine=true). */
export async function assignmentPage(
  knex: Knex,
  query: AssignmentListQuery,
  actor: Actor,
  today: string,
): Promise<{ total: number; items: AssignmentItem[] }> {
  const { limit, offset, ...rest } = query;
  const filters = await resolveAssignmentFilters(knex, rest, actor);
  return listAssignments(knex, filters, today, { limit, offset });
}
