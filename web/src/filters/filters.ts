/**
 * The view's selection lives in the URL (so a view can be bookmarked and shared) and is turned into
 * one set of API filters used by the map, the list, the counts and the exports alike.
 */
import { hotspotFilterShape } from '@oshaq/api/contract/hotspots';
import type { QueryValue } from '../api/client';
import { readList, readParam } from './url-params';

export const PERIODS = ['year', 'quarter', '30d', 'all', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

export interface Selection {
  period: Period;
  from?: string;
  to?: string;
  status: string[];
  category: string[];
  severity: string[];
  agency: string[];
  area?: number;
  overdue: boolean;
  /** Only hotspots with an instruction past its deadline (meetings' follow-up). */
  overdueInstructions: boolean;
  q: string;
}

export const DEFAULT_PERIOD: Period = 'year';

const shape = hotspotFilterShape;

/**
 * The selection in the URL, each filter read with the API's own schema for it (statuses, codes,
 * dates, area ids, the search text), so what the map asks for is what the API takes. A value the API
 * would refuse is left out and its name put in `refused`, if given.
 */
export function readSelection(search: URLSearchParams, refused?: string[]): Selection {
  const period = search.get('period');
  return {
    period: (PERIODS as readonly string[]).includes(period ?? '') ? (period as Period) : DEFAULT_PERIOD,
    // A period that ends before it starts stays as typed (the date inputs show it); the API says why not.
    from: readParam(shape.registered_from, search.get('from'), refused, 'from'),
    to: readParam(shape.registered_to, search.get('to'), refused, 'to'),
    status: readList(shape.status, search, 'status', refused),
    category: readList(shape.category, search, 'category', refused),
    severity: readList(shape.severity, search, 'severity', refused),
    agency: readList(shape.agency, search, 'agency', refused),
    area: readParam(shape.area, search.get('area'), refused, 'area'),
    overdue: readParam(shape.overdue, search.get('overdue'), refused, 'overdue') ?? false,
    overdueInstructions:
      readParam(shape.overdue_instructions, search.get('overdue_instructions'), refused, 'overdue_instructions') ??
      false,
    q: readParam(shape.q, search.get('q'), refused, 'q') ?? '',
  };
}

/** Writes a selection back into the URL's parameters, leaving other ones (map view, selected hotspot) alone. */
export function writeSelection(search: URLSearchParams, selection: Selection): URLSearchParams {
  const next = new URLSearchParams(search);
  const set = (name: string, value: string | undefined) => (value ? next.set(name, value) : next.delete(name));
  set('period', selection.period === DEFAULT_PERIOD ? undefined : selection.period);
  set('from', selection.period === 'custom' ? selection.from : undefined);
  set('to', selection.period === 'custom' ? selection.to : undefined);
  for (const name of ['status', 'category', 'severity', 'agency'] as const) set(name, selection[name].join(','));
  set('area', selection.area ? String(selection.area) : undefined);
  set('overdue', selection.overdue ? 'true' : undefined);
  set('overdue_instructions', selection.overdueInstructions ? 'true' : undefined);
  set('q', selection.q || undefined);
  return next;
}

function shiftDays(date: string, days: number): string {
  const moment = new Date(`${date}T00:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() + days);
  return moment.toISOString().slice(0, 10);
}

/** The registration period a preset stands for, counted from the city's today. */
export function periodRange(selection: Pick<Selection, 'period' | 'from' | 'to'>, today: string) {
  const year = today.slice(0, 4);
  switch (selection.period) {
    case 'year':
      return { from: `${year}-01-01`, to: today };
    case 'quarter': {
      const month = Number(today.slice(5, 7));
      const first = Math.floor((month - 1) / 3) * 3 + 1;
      return { from: `${year}-${String(first).padStart(2, '0')}-01`, to: today };
    }
    case '30d':
      return { from: shiftDays(today, -29), to: today };
    case 'custom':
      return { from: selection.from, to: selection.to };
    case 'all':
      return { from: undefined, to: undefined };
  }
}

export type ApiFilters = Record<string, QueryValue>;

/** The API's filter parameters for a selection: the same for list, stats, clusters and exports. */
export function apiFilters(selection: Selection, today: string): ApiFilters {
  const range = periodRange(selection, today);
  return {
    registered_from: range.from,
    registered_to: range.to,
    status: selection.status,
    category: selection.category,
    severity: selection.severity,
    agency: selection.agency,
    area: selection.area,
    overdue: selection.overdue ? true : undefined,
    overdue_instructions: selection.overdueInstructions ? true : undefined,
    q: selection.q || undefined,
  };
}
