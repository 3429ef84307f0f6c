/**
 * The instruction list's filters as the URL keeps them. The names and list syntax are the API's own
 * (agency=a,b&status=…&timeliness=…&due_from=…), so a shared address reads like the request it makes.
 * Malformed values are left out rather than sent on to a 400: a hand-edited address still shows a list.
 */
import { ASSIGNMENT_STATUSES, TIMELINESS } from '@oshaq/api/contract/meeting-enums';
import type { AssignmentStatus, Timeliness } from '../meetings/api';

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

const CODE = /^[a-z][a-z0-9_]{0,39}$/;
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function list<T extends string>(search: URLSearchParams, name: string, allowed: (value: string) => value is T): T[] {
  const values = search
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim());
  return [...new Set(values.filter(allowed))];
}

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: string): value is T =>
    (values as readonly string[]).includes(value);

function date(search: URLSearchParams, name: string): string | undefined {
  const value = search.get(name);
  return value && ISO_DATE.test(value) ? value : undefined;
}

export function readFilters(search: URLSearchParams): InstructionFilters {
  const meeting = Number(search.get('meeting'));
  const hotspot = search.get('hotspot');
  const offset = Number(search.get('offset'));
  return {
    agency: list(search, 'agency', (value): value is string => CODE.test(value)),
    status: list(search, 'status', oneOf(ASSIGNMENT_STATUSES)),
    timeliness: list(search, 'timeliness', oneOf(TIMELINESS)),
    due_from: date(search, 'due_from'),
    due_to: date(search, 'due_to'),
    meeting: Number.isInteger(meeting) && meeting > 0 && meeting <= 2147483647 ? meeting : undefined,
    hotspot: hotspot && UUID.test(hotspot) ? hotspot : undefined,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
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
