import { useEffect, useMemo, useRef } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import type { Category, HotspotCollection, HotspotFeature } from '../api/types';
import { visibleFeatures, type LayerChoice } from './layers';
import { FALLBACK_COLOUR, hotspotStyle } from './styles';
import { textTooltip } from './text-content';

interface Props {
  collection: HotspotCollection | undefined;
  categories: Category[];
  layers: LayerChoice;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  label: (feature: HotspotFeature) => string;
}

/**
 * Hotspots as one L.geoJSON layer on the map's canvas renderer: thousands of features stay fast, where
 * one React component per marker would not. The map has one canvas for all layers (see HotspotMap).
 */
export function HotspotLayer({ collection, categories, layers, selectedId, onSelect, label }: Props) {
  const map = useMap();
  const layerRef = useRef<L.GeoJSON | null>(null);
  // The layer is rebuilt only when what it draws changes; a new click handler alone must not rebuild it.
  const select = useRef(onSelect);
  useEffect(() => {
    select.current = onSelect;
  }, [onSelect]);
  const colours = useMemo(() => new Map(categories.map((c) => [c.code, c.colour])), [categories]);

  useEffect(() => {
    const features = visibleFeatures(collection?.features ?? [], layers);
    const styleOf = (feature: HotspotFeature) =>
      hotspotStyle(
        colours.get(feature.properties.category) ?? FALLBACK_COLOUR,
        feature.properties.status,
        feature.id === selectedId,
      );
    const layer = L.geoJSON(features as GeoJSON.Feature[], {
      style: (feature) => styleOf(feature as HotspotFeature),
      pointToLayer: (feature, latlng) =>
        L.circleMarker(latlng, {
          ...styleOf(feature as HotspotFeature),
          radius: feature.id === selectedId ? 11 : 8,
        }),
      onEachFeature: (feature, featureLayer) => {
        featureLayer.bindTooltip(textTooltip(label(feature as HotspotFeature)));
        featureLayer.on('click', () => select.current(String(feature.id)));
      },
    });
    layer.addTo(map);
    layerRef.current = layer;
    return () => {
      layer.remove();
      layerRef.current = null;
    };
  }, [map, collection, colours, layers, selectedId, label]);

  return null;
}
