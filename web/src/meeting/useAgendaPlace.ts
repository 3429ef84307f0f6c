import { useCallback } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { itemIndex } from './agenda';

/**
 * The presenter's place in an agenda of `count` items, kept in the URL (`item=N`, 1-based) so a
 * reload or a reopened laptop resumes at the same item. Shared by the open-hotspots agenda and a
 * meeting's own agenda, which differ only in where their items come from.
 */
export function useAgendaPlace(count: number) {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const index = itemIndex(search.get('item'), count);

  /**
   * Moves to `target(index)`. The index is read from the address bar, not from this render: a clicker's
   * quick double press arrives before React has re-rendered, and a stale index would swallow a step.
   */
  const move = useCallback(
    (target: (index: number) => number) => {
      if (count === 0) return;
      const live = new URLSearchParams(window.location.search);
      const next = Math.max(0, Math.min(count - 1, target(itemIndex(live.get('item'), count))));
      live.set('item', String(next + 1));
      // Replace, not push: the back button should leave meeting mode, not replay every step.
      void navigate({ search: `?${live}` }, { replace: true });
    },
    [count, navigate],
  );
  const go = useCallback((index: number) => move(() => index), [move]);
  const step = useCallback((delta: number) => move((index) => index + delta), [move]);
  return { index, go, step };
}
