import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useConfig } from '../api/hooks';
import { apiFilters, readSelection, writeSelection, type Selection } from '../filters/filters';

/** Today in the city (from the server), falling back to the browser's date until it answers. */
export function useToday(): string {
  const config = useConfig();
  return config.data?.today ?? new Date().toISOString().slice(0, 10);
}

/** The view's selection from the URL, the API filters it means, and the selected hotspot (`h`). */
export function useSelection() {
  const [search, setSearch] = useSearchParams();
  const today = useToday();
  const selection = useMemo(() => readSelection(search), [search]);
  const filters = useMemo(() => apiFilters(selection, today), [selection, today]);
  const selectedId = search.get('h') ?? undefined;

  const setSelection = useCallback(
    (next: Selection) => setSearch((current) => writeSelection(current, next), { replace: true }),
    [setSearch],
  );
  const select = useCallback(
    (id: string | undefined) =>
      setSearch((current) => {
        const next = new URLSearchParams(current);
        if (id) next.set('h', id);
        else next.delete('h');
        return next;
      }),
    [setSearch],
  );
  return { selection, filters, setSelection, selectedId, select, today, search };
}
