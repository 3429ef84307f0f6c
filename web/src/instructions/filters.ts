/**
 * The instruction list's filters as the URL keeps them. The names and list syntax are the API's own
 * (agency=a,b&status=…&timeliness=…&due_from=…), and each is read with the API's own schema for it
 * (assignmentListQuery), so a shared address reads like the request it makes. Malformed values are
 * left out rather than sent on to a 400: a hand-edited address still shows a list.
 */
import { assignmentListQuery } from '@oshaq/api/contract/meeting-reports';
import type { AssignmentStatus, Timeliness } from '../meetings/api';
import { readList, readParam } from '../filters/url-params';

export const PAGE_SIZE = 50;

export interface InstructionFilters {
  agency: string[];
  status: AssignmentStatus[];
  timeliness: Timeliness[];
  due_from?: string;
  due_to?: string;
  meeting?: number;
  hotspot?: string;
  offset: number;
}

/** The parameters the filters write; paging starts again whenever one of them changes. */
export const FILTER_PARAMS = ['agency', 'status', 'timeliness', 'due_from', 'due_to', 'meeting', 'hotspot'] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

const shape = assignmentListQuery.shape;

/** The filters in the URL; what the API would refuse is left out and named in `refused`, if given. */
export function readFilters(search: URLSearchParams, refused?: string[]): InstructionFilters {
  return {
    agency: readList(shape.agency, search, 'agency', refused),
    status: readList(shape.status, search, 'status', refused) as AssignmentStatus[],
    timeliness: readList(shape.timeliness, search, 'timeliness', refused) as Timeliness[],
    due_from: readParam(shape.due_from, search.get('due_from'), refused, 'due_from'),
    due_to: readParam(shape.due_to, search.get('due_to'), refused, 'due_to'),
    meeting: readParam(shape.meeting, search.get('meeting'), refused, 'meeting'),
    hotspot: readParam(shape.hotspot, search.get('hotspot'), refused, 'hotspot'),
    offset: readParam(shape.offset, search.get('offset'), refused, 'offset') ?? 0,
  };
}

/** Whether the deadline period runs backwards (the API would refuse it). */
export function periodReversed(filters: InstructionFilters): boolean {
  return Boolean(filters.due_from && filters.due_to && filters.due_from > filters.due_to);
}

export function hasFilters(filters: InstructionFilters): boolean {
  return FILTER_PARAMS.some((name) => {
    const value = filters[name];
    return Array.isArray(value) ? value.length > 0 : value !== undefined;
  });
}
