import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useSearchUpdate } from '../app/useSearchUpdate';
import { readLayers, writeLayers, type LayerChoice } from './layers';

/**
 * The map's layers, kept in the address like the filters: a shared link, meeting mode and the print
 * view (whose links carry the same query) show the same layers as the map they came from.
 */
export function useLayers(): [LayerChoice, (next: LayerChoice) => void] {
  const [search] = useSearchParams();
  const update = useSearchUpdate();
  const value = search.get('layers');
  const layers = useMemo(() => readLayers(value), [value]);
  const setLayers = useCallback(
    (next: LayerChoice) =>
      update(
        (params) => {
          const written = writeLayers(next);
          if (written) params.set('layers', written);
          else params.delete('layers');
        },
        { replace: true },
      ),
    [update],
  );
  return [layers, setLayers];
}
