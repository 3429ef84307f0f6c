/** The rules of a meeting's agenda, kept free of React so they can be tested on their own. */
import type { HotspotFeature, Status } from '../api/types';
import type { ApiFilters } from '../filters/filters';
import type { MeetingDetail } from '../meetings/api';

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

/**
 * One step of the presenter's agenda: a hotspot (shown on the map and in full) or a free topic of a
 * meeting's agenda (a heading and the secretary's notes; the map stays as it is). `key` is stable
 * across refetches, for React and for keeping the place.
 */
export type AgendaEntry =
  | { kind: 'hotspot'; key: string; feature: HotspotFeature; notes: string }
  | { kind: 'topic'; key: string; topic: string; notes: string };

/** The open-hotspots agenda: every item a hotspot. */
export function hotspotEntries(features: readonly HotspotFeature[]): AgendaEntry[] {
  return features.map((feature) => ({ kind: 'hotspot', key: feature.id, feature, notes: '' }));
}

/**
 * A meeting's agenda in its own order, topics included: a meeting discusses them as it does
 * hotspots. A hotspot item is shown once its details have loaded (`loaded`, by id); one deleted
 * since, or that the person may not open, is left out — it has nothing left to show.
 */
export function meetingEntries(
  agenda: MeetingDetail['agenda'],
  loaded: ReadonlyMap<string, HotspotFeature>,
): AgendaEntry[] {
  return agenda.flatMap((item): AgendaEntry[] => {
    if (item.hotspot) {
      const feature = item.hotspot.deleted ? undefined : loaded.get(item.hotspot.id);
      return feature ? [{ kind: 'hotspot', key: `item-${item.id}`, feature, notes: item.notes }] : [];
    }
    return item.topic ? [{ kind: 'topic', key: `item-${item.id}`, topic: item.topic, notes: item.notes }] : [];
  });
}

/** The hotspot an entry shows on the map, if any. */
export const featureOf = (entry: AgendaEntry | undefined): HotspotFeature | undefined =>
  entry?.kind === 'hotspot' ? entry.feature : undefined;
