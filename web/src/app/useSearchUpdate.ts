import { useCallback } from 'react';
import { useNavigate } from 'react-router';

/**
 * Changes the URL's query from its current value. react-router's functional setSearchParams starts
 * from the last render, so two changes in one tick (select a hotspot, leave drawing) would lose one;
 * reading the address bar itself cannot.
 */
export function useSearchUpdate() {
  const navigate = useNavigate();
  return useCallback(
    (change: (next: URLSearchParams) => void, options: { replace?: boolean } = {}) => {
      const next = new URLSearchParams(window.location.search);
      change(next);
      const search = next.toString();
      if (search === window.location.search.replace(/^\?/, '')) return;
      void navigate({ pathname: window.location.pathname, search }, { replace: options.replace ?? false });
    },
    [navigate],
  );
}
