import { createElementObject, createPathComponent, type PathProps } from '@react-leaflet/core';
import L from 'leaflet';
import type { HotspotMapFeature } from '../api/types';
import { FALLBACK_COLOUR, hotspotStyle } from './styles';
import { textTooltip } from './text-content';

export interface HotspotLayerProps extends PathProps {
  /**
   * The hotspots to draw (already narrowed to the layers that are on), as the list's view=map sends
   * them: what is drawn, labelled and compared here is all a map feature carries.
   */
  features: HotspotMapFeature[];
  /** Category code → colour. */
  colours: ReadonlyMap<string, string>;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  label: (feature: HotspotMapFeature) => string;
}

type Drawn = L.Path & { feature: HotspotMapFeature };

/**
 * Hotspots as one L.GeoJSON on the map's canvas renderer: thousands of features stay fast, where one
 * React component per marker would not. The layer lives as long as the component: new data adds,
 * removes or replaces only the features that changed, and a selection restyles the two features it
 * concerns, so the canvas is never torn down and rebuilt for a click.
 */
export class HotspotFeatures extends L.GeoJSON {
  private look: HotspotLayerProps;
  private readonly drawn = new Map<string, Drawn>();

  constructor(props: HotspotLayerProps) {
    super();
    this.look = props;
    L.Util.setOptions(this, {
      style: (feature: HotspotMapFeature) => this.styleOf(feature),
      pointToLayer: (_feature: HotspotMapFeature, latlng: L.LatLng) => L.circleMarker(latlng),
      onEachFeature: (feature: HotspotMapFeature, layer: Drawn) => this.equip(feature, layer),
    });
    this.showFeatures(props.features);
  }

  /** The feature's layer, if drawn (tests and the selection use it). */
  layerOf(id: string): L.Path | undefined {
    return this.drawn.get(id);
  }

  applyProps(next: HotspotLayerProps, previous: HotspotLayerProps) {
    this.look = next;
    if (next.features !== previous.features) this.showFeatures(next.features);
    if (next.colours !== previous.colours) this.resetStyle();
    else if (next.selectedId !== previous.selectedId) {
      for (const id of [previous.selectedId, next.selectedId]) {
        const layer = id === undefined ? undefined : this.drawn.get(id);
        if (layer) this.resetStyle(layer);
      }
    }
    if (next.label !== previous.label)
      for (const layer of this.drawn.values()) layer.setTooltipContent(textTooltip(next.label(layer.feature)));
  }

  /** Keeps the features whose version is unchanged, replaces edited ones, adds new ones, removes the rest. */
  private showFeatures(features: HotspotMapFeature[]) {
    const wanted = new Map(features.map((feature) => [String(feature.id), feature]));
    for (const [id, layer] of this.drawn) {
      if (wanted.get(id)?.properties.version === layer.feature.properties.version) continue;
      this.removeLayer(layer);
      this.drawn.delete(id);
    }
    for (const [id, feature] of wanted) if (!this.drawn.has(id)) this.addData(feature as GeoJSON.Feature);
  }

  private styleOf(feature: HotspotMapFeature): L.PathOptions & { radius: number } {
    const { category, status } = feature.properties;
    const selected = feature.id === this.look.selectedId;
    // Polygons ignore the radius; circle markers take it from their style (L.CircleMarker.setStyle).
    return {
      ...hotspotStyle(this.look.colours.get(category) ?? FALLBACK_COLOUR, status, selected),
      radius: selected ? 11 : 8,
    };
  }

  private equip(feature: HotspotMapFeature, layer: Drawn) {
    const id = String(feature.id);
    this.drawn.set(id, layer);
    layer.bindTooltip(textTooltip(this.look.label(feature)));
    // Reads the handler given last, so a new callback never needs a new layer.
    layer.on('click', () => this.look.onSelect(id));
  }
}

export const HotspotLayer = createPathComponent<HotspotFeatures, HotspotLayerProps>(
  (props, context) => createElementObject(new HotspotFeatures(props), context),
  (layer, props, previous) => layer.applyProps(props, previous),
);
