import { useMemo } from 'react';
import { useHotspots } from '../api/hooks';
import type { ApiFilters } from '../filters/filters';
import { AGENDA_LIMIT, agendaStatuses, hotspotEntries, sortAgenda } from './agenda';
import { useAgendaPlace } from './useAgendaPlace';

/** The open hotspots of the selection in agenda order, and the presenter's place in it (useAgendaPlace). */
export function useAgenda(filters: ApiFilters) {
  const params = useMemo(
    // The meeting hears the real figure: exact, not "more than 1,000" (the list's default).
    () => ({ ...filters, status: agendaStatuses(filters), sort: '-severity', limit: AGENDA_LIMIT, count: 'exact' }),
    [filters],
  );
  const nothingOpen = params.status.length === 0;
  // An empty status list would be dropped from the query and ask for every status: do not ask at all.
  const query = useHotspots(params, !nothingOpen);
  const entries = useMemo(
    () => (nothingOpen ? [] : hotspotEntries(sortAgenda(query.data?.features ?? []))),
    [nothingOpen, query.data],
  );
  const { index, go, step } = useAgendaPlace(entries.length);

  return {
    entries,
    index,
    current: entries[index],
    go,
    step,
    total: nothingOpen ? 0 : (query.data?.numberMatched ?? 0),
    loading: !nothingOpen && query.isPending,
    error: nothingOpen ? null : query.error,
    retry: query.refetch,
  };
}
