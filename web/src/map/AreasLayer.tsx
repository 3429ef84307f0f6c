import { createElementObject, createLayerComponent, type LayerProps } from '@react-leaflet/core';
import L from 'leaflet';
import type { AreaCollection, AreaFeature, Stats } from '../api/types';
import { choroplethClass, countsOf, leavesOf } from './choropleth';
import { CHOROPLETH } from './styles';
import { textTooltip } from './text-content';

export interface AreasLayerProps extends LayerProps {
  areas: AreaCollection | undefined;
  stats: Stats | undefined;
  boundaries: boolean;
  choropleth: boolean;
  name: (area: AreaFeature) => string;
}

const collectionOf = (features: AreaFeature[]): GeoJSON.FeatureCollection => ({
  type: 'FeatureCollection',
  features: features as GeoJSON.Feature[],
});

type AreaPath = L.Path & { feature: AreaFeature };

/**
 * Boundaries as outlines (drawn even with no base map, so the city stays recognisable) and a
 * choropleth of counts, both under the hotspots. New counts restyle the choropleth's areas and
 * reword their tooltips; a layer switch adds or removes one part; neither rebuilds the other.
 */
export class AreaLayers extends L.FeatureGroup {
  private look: AreasLayerProps;
  private counts: ReadonlyMap<number | null, number> = new Map();
  private leafIds: number[] = [];
  private max = 0;
  private readonly outline = L.geoJSON(undefined, {
    interactive: false,
    style: (feature) => ({
      color: '#1e3a5f',
      weight: (feature as AreaFeature).properties.level === 'region' ? 3 : 1.5,
      fill: false,
      opacity: 0.8,
    }),
  });
  private readonly fill = L.geoJSON(undefined, {
    style: (feature) => {
      const count = this.counts.get((feature as AreaFeature).properties.id) ?? 0;
      return { color: '#7f2704', weight: 1, fillColor: CHOROPLETH[choroplethClass(count, this.max)], fillOpacity: 0.6 };
    },
    onEachFeature: (feature, layer) => {
      layer.bindTooltip(textTooltip(...this.tooltipOf(feature as AreaFeature)), { sticky: true });
    },
  });

  constructor(props: AreasLayerProps) {
    super();
    this.look = props;
    this.counts = countsOf(props.stats);
    this.showAreas(props.areas);
    this.switchParts(props);
    // Layers added later draw on top: the areas go back under the hotspots each time they are shown.
    this.on('add', () => this.sendBack());
  }

  applyProps(next: AreasLayerProps, previous: AreasLayerProps) {
    this.look = next;
    const recounted = next.stats !== previous.stats;
    if (recounted) {
      this.counts = countsOf(next.stats);
      this.measure();
    }
    if (next.areas !== previous.areas) this.showAreas(next.areas);
    else {
      if (recounted) this.fill.resetStyle();
      if (recounted || next.name !== previous.name)
        this.fill.eachLayer((layer) =>
          layer.setTooltipContent(textTooltip(...this.tooltipOf((layer as AreaPath).feature))),
        );
    }
    if (next.boundaries !== previous.boundaries || next.choropleth !== previous.choropleth) this.switchParts(next);
  }

  /** The colour scale runs up to the largest count among the coloured areas. */
  private measure() {
    this.max = Math.max(0, ...this.leafIds.map((id) => this.counts.get(id) ?? 0));
  }

  private showAreas(areas: AreaCollection | undefined) {
    const features = areas?.features ?? [];
    const leaves = leavesOf(features);
    this.leafIds = leaves.map((area) => area.properties.id);
    this.measure();
    this.outline.clearLayers().addData(collectionOf(features));
    this.fill.clearLayers().addData(collectionOf(leaves));
    this.sendBack();
  }

  private tooltipOf(area: AreaFeature): [string, string, number] {
    return [this.look.name(area), ': ', this.counts.get(area.properties.id) ?? 0];
  }

  private switchParts({ boundaries, choropleth }: AreasLayerProps) {
    for (const [part, shown] of [
      [this.outline, boundaries],
      [this.fill, choropleth],
    ] as const) {
      if (shown && !this.hasLayer(part)) this.addLayer(part);
      if (!shown && this.hasLayer(part)) this.removeLayer(part);
    }
    this.sendBack();
  }

  /** Outlines under the hotspots, the choropleth under the outlines. */
  private sendBack() {
    if (!this._map) return;
    for (const part of [this.outline, this.fill]) if (this.hasLayer(part)) part.bringToBack();
  }
}

export const AreasLayer = createLayerComponent<AreaLayers, AreasLayerProps>(
  (props, context) => createElementObject(new AreaLayers(props), context),
  (layer, props, previous) => layer.applyProps(props, previous),
);
