import type { Knex } from 'knex';
import type { Viewer } from '../auth/visibility.js';
import { MEETING_KINDS } from '../contract/meeting-enums.js';
import type { DisciplineQuery, DisciplineReport, YearSummary } from '../contract/meeting-reports.js';
import { countEntered, countHotspots } from '../hotspots/repo.js';
import { countsByAgency, listAssignments, totals, type AssignmentFilters } from '../instructions/assignments-repo.js';
import { agencyFilter } from '../instructions/filters.js';
import { countsIncludingConfidential } from '../sql/visible-hotspots.js';
import { isHeadlinePeriod } from '../stats/confidential.js';

/**
 * The reports over agencies' parts of instructions. The discipline report's per-agency counts and
 * its overdue list come from the same filters as GET /api/instructions (instructions/filters.ts),
 * so each count equals the length of the list it summarises.
 */

export async function disciplineReport(
  knex: Knex,
  query: DisciplineQuery,
  today: string,
  viewer: Viewer,
  ownAgency: number | null,
): Promise<DisciplineReport> {
  const agencyIds = await agencyFilter(knex, query.agency);
  const period =
    query.basis === 'due' ? { due_from: query.from, due_to: query.to } : { given_from: query.from, given_to: query.to };
  const visible: AssignmentFilters = { ...period, agencyIds, viewer, ownAgency };
  // As /api/stats (stats/confidential.ts): totals count what the viewer may not see only over a
  // headline period (whole months, or up to today) for every agency. A day's deadlines, or one
  // agency's parts, would tell by subtraction from the list which confidential hotspot had an
  // instruction, for whom, due when, and whether it was done.
  const headline =
    agencyIds === undefined && isHeadlinePeriod({ registered_from: query.from, registered_to: query.to }, today);
  const counted = headline ? countsIncludingConfidential : viewer;
  const [agencies, all, overdue] = await Promise.all([
    countsByAgency(knex, visible, today),
    totals(knex, visible, counted, today),
    listAssignments(knex, { ...visible, timeliness: ['overdue'] }, today),
  ]);
  const { confidential, instructions: _instructions, ...counts } = all;
  return {
    period: { from: query.from, to: query.to },
    basis: query.basis,
    as_of: today,
    agencies,
    totals: counts,
    confidential,
    breakdowns_include_confidential: viewer.seesConfidential,
    overdue: overdue.items,
  };
}

export async function yearSummary(knex: Knex, year: number, today: string): Promise<YearSummary> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const byKind = (await knex('meetings')
    .whereNull('deleted_at')
    .whereBetween('held_on', [from, to])
    .select(
      'kind',
      knex.raw('count(*) FILTER (WHERE held_on <= ?::date)::int AS held', [today]),
      knex.raw('count(*) FILTER (WHERE held_on > ?::date)::int AS scheduled', [today]),
    )
    .groupBy('kind')) as { kind: string; held: number; scheduled: number }[];
  const kinds = MEETING_KINDS.map((kind) => byKind.find((row) => row.kind === kind) ?? { kind, held: 0, scheduled: 0 });
  // Headline numbers, as /api/stats gives them to everyone: confidential ones are counted, not shown.
  const [entered, resolved, assignments] = await Promise.all([
    countEntered(knex, countsIncludingConfidential, { registered_from: from, registered_to: to }, today),
    countHotspots(
      knex,
      countsIncludingConfidential,
      { resolved_from: from, resolved_to: to, status: ['resolved'] },
      today,
    ),
    totals(knex, { given_from: from, given_to: to }, countsIncludingConfidential, today),
  ]);
  const { confidential: _confidential, instructions, ...counts } = assignments;
  return {
    year,
    as_of: today,
    meetings: {
      held: kinds.reduce((sum, row) => sum + row.held, 0),
      scheduled: kinds.reduce((sum, row) => sum + row.scheduled, 0),
      by_kind: kinds as YearSummary['meetings']['by_kind'],
    },
    hotspots: { entered, resolved },
    instructions: { given: instructions, assignments: counts },
  };
}
