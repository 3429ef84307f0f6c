import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useSearchUpdate } from '../app/useSearchUpdate';
import { useConfig } from '../api/hooks';
import { apiFilters, readSelection, writeSelection, type Selection } from '../filters/filters';

/** Today in the city (from the server), falling back to the browser's date until it answers. */
export function useToday(): string {
  const config = useConfig();
  return config.data?.today ?? new Date().toISOString().slice(0, 10);
}

/** The view's selection from the URL, the API filters it means, and the selected hotspot (`h`). */
export function useSelection() {
  const [search] = useSearchParams();
  const update = useSearchUpdate();
  const today = useToday();
  const selection = useMemo(() => readSelection(search), [search]);
  const filters = useMemo(() => apiFilters(selection, today), [selection, today]);
  const selectedId = search.get('h') ?? undefined;

  const setSelection = useCallback(
    (next: Selection) =>
      update(
        (params) => {
          const written = writeSelection(params, next);
          for (const key of [...params.keys()]) params.delete(key);
          written.forEach((value, key) => params.set(key, value));
        },
        { replace: true },
      ),
    [update],
  );
  const select = useCallback(
    (id: string | undefined) =>
      update((params) => {
        if (id) params.set('h', id);
        else params.delete('h');
      }),
    [update],
  );
  return { selection, filters, setSelection, selectedId, select, today, search };
}
