import { useCallback, useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useHotspots } from '../api/hooks';
import type { ApiFilters } from '../filters/filters';
import { AGENDA_LIMIT, agendaStatuses, itemIndex, sortAgenda } from './agenda';

/**
 * The open hotspots of the selection in agenda order, and the presenter's place in it. The place is
 * kept in the URL (`item=N`, 1-based) so a reload or a reopened laptop resumes at the same item.
 */
export function useAgenda(filters: ApiFilters) {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const params = useMemo(
    () => ({ ...filters, status: agendaStatuses(filters), sort: '-severity', limit: AGENDA_LIMIT }),
    [filters],
  );
  const nothingOpen = params.status.length === 0;
  // An empty status list would be dropped from the query and ask for every status: do not ask at all.
  const query = useHotspots(params, !nothingOpen);
  const items = useMemo(() => (nothingOpen ? [] : sortAgenda(query.data?.features ?? [])), [nothingOpen, query.data]);
  const index = itemIndex(search.get('item'), items.length);

  /**
   * Moves to `target(index)`. The index is read from the address bar, not from this render: a clicker's
   * quick double press arrives before React has re-rendered, and a stale index would swallow a step.
   */
  const move = useCallback(
    (target: (index: number) => number) => {
      if (items.length === 0) return;
      const live = new URLSearchParams(window.location.search);
      const next = Math.max(0, Math.min(items.length - 1, target(itemIndex(live.get('item'), items.length))));
      live.set('item', String(next + 1));
      // Replace, not push: the back button should leave meeting mode, not replay every step.
      void navigate({ search: `?${live}` }, { replace: true });
    },
    [items.length, navigate],
  );
  const go = useCallback((index: number) => move(() => index), [move]);
  const step = useCallback((delta: number) => move((index) => index + delta), [move]);

  return {
    items,
    index,
    current: items[index],
    go,
    step,
    total: nothingOpen ? 0 : (query.data?.numberMatched ?? 0),
    loading: !nothingOpen && query.isPending,
    error: nothingOpen ? null : query.error,
    retry: query.refetch,
  };
}
