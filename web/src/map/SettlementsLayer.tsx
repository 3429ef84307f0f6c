import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import { useQuery } from '@tanstack/react-query';
import { useMap, useMapEvents } from 'react-leaflet';
import type { PlaceKind, SettlementCollection } from '@oshaq/api/contract/places';
import { get } from '../api/client';
import { useConfig } from '../api/hooks';
import { localName } from '../i18n/names';
import { TILE_STALL_MS } from './BaseTiles';
import { SettlementLabels } from './SettlementLabels';
import './settlements.css';

/** Below this zoom the country is too small for names: none are drawn. */
const MIN_ZOOM = 6;
/** Enough names to read a view by, few enough to stay legible (the largest are kept). */
const LIMIT = 250;

/** Which settlements are worth a name at a zoom: cities first, hamlets only close up. */
export function kindsAtZoom(zoom: number): PlaceKind[] | undefined {
  if (zoom < MIN_ZOOM) return undefined;
  if (zoom < 8) return ['city'];
  if (zoom < 10) return ['city', 'town'];
  if (zoom < 12) return ['city', 'town', 'village'];
  if (zoom < 14) return ['city', 'town', 'village', 'hamlet'];
  return ['city', 'town', 'village', 'hamlet', 'isolated_dwelling'];
}

/** The view's box rounded outwards to 0.05°, so small pans ask (and cache) the same question. */
function roundedBox(bounds: L.LatLngBounds): string {
  const down = (value: number) => Math.floor(value * 20) / 20;
  const up = (value: number) => Math.ceil(value * 20) / 20;
  const box = [
    Math.max(-180, down(bounds.getWest())),
    Math.max(-90, down(bounds.getSouth())),
    Math.min(180, up(bounds.getEast())),
    Math.min(90, up(bounds.getNorth())),
  ];
  return box.map((value) => value.toFixed(2)).join(',');
}

/**
 * Whether the map is without its base map: no tile URL configured, or tiles failing (four errors
 * since the last tile arrived) or hanging (asked for, none arrived within TILE_STALL_MS), as
 * BaseTiles judges them. Watches the map's tile layers itself, so it needs nothing from BaseTiles.
 */
function useBaseMapMissing(map: L.Map): boolean {
  const config = useConfig();
  const configured = config.data ? Boolean(config.data.tile_url) : undefined;
  const [failing, setFailing] = useState(false);
  useEffect(() => {
    let failures = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const asked = () => {
      timer ??= setTimeout(() => setFailing(true), TILE_STALL_MS);
    };
    const failed = () => {
      failures += 1;
      if (failures >= 4) setFailing(true);
    };
    const arrived = () => {
      clearTimeout(timer);
      timer = undefined;
      failures = 0;
      setFailing(false);
    };
    const events = { tileloadstart: asked, tileerror: failed, tileload: arrived };
    const watch = (layer: L.Layer) => {
      if (layer instanceof L.TileLayer) layer.on(events);
    };
    const added = (event: L.LayerEvent) => watch(event.layer);
    map.eachLayer(watch);
    map.on('layeradd', added);
    return () => {
      clearTimeout(timer);
      map.off('layeradd', added);
      map.eachLayer((layer) => {
        if (layer instanceof L.TileLayer) layer.off(events);
      });
    };
  }, [map]);
  // Until the configuration is known, tiles may still come: no names yet.
  return configured === false || (configured === true && failing);
}

/**
 * Settlement names for context when the base map is missing (offline meeting rooms, no tile
 * server): the boundaries are drawn anyway, and these name the towns and villages between them,
 * in the interface's language, more of them the closer the view. The layer panel can turn them off.
 */
export function SettlementsLayer({ enabled }: { enabled: boolean }) {
  const map = useMap();
  const { t, i18n } = useTranslation();
  const missing = useBaseMapMissing(map);
  const [view, setView] = useState(() => ({ box: roundedBox(map.getBounds()), zoom: map.getZoom() }));
  useMapEvents({ moveend: () => setView({ box: roundedBox(map.getBounds()), zoom: map.getZoom() }) });
  const kinds = kindsAtZoom(view.zoom);
  const settlements = useQuery({
    queryKey: ['settlements', view.box, kinds],
    queryFn: ({ signal }) =>
      get<SettlementCollection>('/api/settlements', { bbox: view.box, kinds, limit: LIMIT }, signal),
    enabled: enabled && missing && kinds !== undefined,
    staleTime: 600_000,
  });
  const language = i18n.language;
  const name = useCallback(
    (settlement: SettlementCollection['features'][number]['properties']) => localName(settlement, language),
    [language],
  );
  const credit = useCallback(
    (licences: string[]) => `${t('places.layer.credit')}: ${licences.join('; ')}`,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, language],
  );
  if (!enabled || !missing || !kinds) return null;
  return <SettlementLabels settlements={settlements.data} name={name} credit={credit} />;
}
