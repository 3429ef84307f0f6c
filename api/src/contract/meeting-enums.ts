/**
 * The fixed value lists of the meetings contract, free of zod (as enums.ts is for hotspots): the
 * browser bundle imports these without pulling in the schema library.
 */
export const MEETING_KINDS = ['interagency_prosecutor', 'akimat_commission', 'working_group', 'other'] as const;
/** assigned (waiting for the agency) → reported (waiting for the secretary) → accepted (done); a return goes back to assigned. */
export const ASSIGNMENT_STATUSES = ['assigned', 'reported', 'accepted'] as const;
export const TIMELINESS = ['on_time', 'late', 'overdue', 'pending'] as const;
export const DISCIPLINE_BASES = ['due', 'given'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export type Timeliness = (typeof TIMELINESS)[number];
export type DisciplineBasis = (typeof DISCIPLINE_BASES)[number];

/** Who may report on an agency's part: its own akimat staff, or the prosecutor's office on its behalf. */
export function mayReport(role: string, userAgency: string | null, agency: string): boolean {
  return role === 'prosecutor' || role === 'admin' || (role === 'akimat' && userAgency === agency);
}

/**
 * How an assignment stands against its deadline on `today` (all dates YYYY-MM-DD). The API sends
 * it computed; it is here so the browser can say the same thing about a date it shows.
 */
export function timelinessOf(
  a: { status: AssignmentStatus; reported_on: string | null },
  dueOn: string,
  today: string,
): Timeliness {
  if (a.status === 'accepted') return a.reported_on !== null && a.reported_on <= dueOn ? 'on_time' : 'late';
  return today > dueOn ? 'overdue' : 'pending';
}
