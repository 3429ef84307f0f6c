import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TileLayer } from 'react-leaflet';
import { useConfig } from '../api/hooks';

/**
 * The base map from the configured tile URL. When tiles cannot load (no internet in the meeting
 * room, a blocked server) the map carries on over a plain background with the boundaries drawn.
 */
export function BaseTiles() {
  const { t } = useTranslation();
  const config = useConfig();
  const [failures, setFailures] = useState(0);
  const url = config.data?.tile_url;
  if (!url) return null;
  return (
    <>
      <TileLayer
        url={url}
        attribution={config.data?.tile_attribution ?? ''}
        eventHandlers={{ tileerror: () => setFailures((count) => count + 1), tileload: () => setFailures(0) }}
      />
      {failures >= 4 && (
        <div className="map-note" role="status" data-testid="tiles-unavailable">
          {t('map.tilesUnavailable')}
        </div>
      )}
    </>
  );
}
