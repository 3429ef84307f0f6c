/** The rules of a meeting's agenda, kept free of React so they can be tested on their own. */
import type { HotspotFeature, Status } from '../api/types';
import type { ApiFilters } from '../filters/filters';

const OPEN_STATUSES: readonly Status[] = ['registered', 'in_progress'];

/** The API's hard page limit; a city's open list is far shorter, but the screen says so if not. */
export const AGENDA_LIMIT = 1000;

const SEVERITY_RANK: Record<HotspotFeature['properties']['severity'], number> = {
  critical: 4,
  high: 3,
  medium: 2,
  low: 1,
};

/**
 * The open statuses the selection allows. A selection of only resolved ones leaves none: the agenda
 * is then empty rather than quietly widened to every open hotspot.
 */
export function agendaStatuses(filters: ApiFilters): Status[] {
  const chosen = Array.isArray(filters.status) ? filters.status : [];
  return chosen.length ? OPEN_STATUSES.filter((status) => chosen.includes(status)) : [...OPEN_STATUSES];
}

/**
 * Most severe first, then the nearest deadline (none last), then the oldest. The API sorts by one key
 * only, so the finer order is made here; equal items keep a fixed order so positions do not jump.
 */
export function sortAgenda(features: readonly HotspotFeature[]): HotspotFeature[] {
  return [...features].sort((a, b) => {
    const left = a.properties;
    const right = b.properties;
    return (
      SEVERITY_RANK[right.severity] - SEVERITY_RANK[left.severity] ||
      (left.due_on ?? '9999-12-31').localeCompare(right.due_on ?? '9999-12-31') ||
      left.registered_on.localeCompare(right.registered_on) ||
      left.reference.localeCompare(right.reference, 'en', { numeric: true })
    );
  });
}

/** The 0-based index an `item=N` (1-based) parameter points at, kept within a list of `length` items. */
export function itemIndex(value: string | null, length: number): number {
  if (length === 0) return 0;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) return 0;
  return Math.min(number, length) - 1;
}

/** Whole days from a due date to today (both `YYYY-MM-DD`); positive once the deadline has passed. */
export function daysPast(due: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
}
