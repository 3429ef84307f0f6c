import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TileLayer } from 'react-leaflet';
import { useConfig } from '../api/hooks';

/** Tiles asked for and none arriving for this long: the base map is taken as unavailable. */
export const TILE_STALL_MS = 8_000;

/**
 * The base map from the configured tile URL. When tiles cannot load (no internet in the meeting
 * room, a blocked server) the map carries on over a plain background with the boundaries drawn, and
 * says so. Offline, requests often hang rather than fail (a captive network, a dropped route), so
 * tiles asked for with none loaded within TILE_STALL_MS count as unavailable too, not only errors.
 */
export function BaseTiles() {
  const { t } = useTranslation();
  const config = useConfig();
  const [failures, setFailures] = useState(0);
  const [stalled, setStalled] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const url = config.data?.tile_url;
  if (!url) return null;

  // The clock starts with the first tile asked for since the last one arrived.
  const asked = () => {
    if (timer.current === undefined) timer.current = setTimeout(() => setStalled(true), TILE_STALL_MS);
  };
  const arrived = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    setStalled(false);
    setFailures(0);
  };
  return (
    <>
      <TileLayer
        url={url}
        attribution={config.data?.tile_attribution ?? ''}
        eventHandlers={{
          tileloadstart: asked,
          tileerror: () => setFailures((count) => count + 1),
          tileload: arrived,
        }}
      />
      {(failures >= 4 || stalled) && (
        <div className="map-note" role="status" data-testid="tiles-unavailable">
          {t('map.tilesUnavailable')}
        </div>
      )}
    </>
  );
}
