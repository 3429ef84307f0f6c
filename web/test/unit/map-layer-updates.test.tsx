// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import L from 'leaflet';
import { createRef, type ReactNode } from 'react';
import { MapContainer } from 'react-leaflet';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AreaCollection, AreaFeature, ClusterCollection, HotspotMapFeature, Stats } from '../../src/api/types';
import { AreasLayer, type AreaLayers } from '../../src/map/AreasLayer';
import { ClusterLayer, type ClusterMarkers } from '../../src/map/ClusterLayer';
import { HotspotLayer, type HotspotFeatures } from '../../src/map/HotspotLayer';
import { CHOROPLETH } from '../../src/map/styles';

// A real Leaflet map in jsdom. jsdom has no 2D canvas, so the map draws on one SVG renderer; the app
// passes one canvas renderer the same way (MapContainer's `renderer`), and every layer must use it.
const renderer = L.svg();
const inMap = (children: ReactNode) => (
  <MapContainer center={[43.3, 68.25]} zoom={12} renderer={renderer} style={{ width: 400, height: 300 }}>
    {children}
  </MapContainer>
);

function hotspot(id: string, lon: number, version = 1, category = 'land'): HotspotMapFeature {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [lon, 43.3] },
    properties: { reference: `2026-${id}`, title: `Hotspot ${id}`, category, status: 'registered', version },
  } as HotspotMapFeature;
}

const COLOURS = new Map([['land', '#2563eb']]);
const label = (feature: HotspotMapFeature) => `${feature.properties.reference} · ${feature.properties.title}`;
const tooltipText = (layer: L.Layer | undefined) => (layer?.getTooltip()?.getContent() as HTMLElement).textContent;
/** Leaflet's own record of the renderer a path draws on. */
const rendererOf = (layer: L.Layer) => (layer as unknown as { _renderer: L.Renderer })._renderer;

afterEach(cleanup);

describe('the hotspot layer', () => {
  const features = [hotspot('a', 68.2), hotspot('b', 68.3)];
  const props = { features, colours: COLOURS, label, onSelect: () => {} };

  it('selecting a hotspot restyles its feature and the one selected before, on the same layer and the same shapes', () => {
    const ref = createRef<HotspotFeatures>();
    const { rerender } = render(inMap(<HotspotLayer ref={ref} {...props} selectedId={undefined} />));
    const layer = ref.current!;
    const [a, b] = [layer.layerOf('a') as L.CircleMarker, layer.layerOf('b') as L.CircleMarker];
    const [pathA, pathB] = [a.getElement(), b.getElement()];
    expect(a.options.color).toBe('#2563eb');
    expect(a.getRadius()).toBe(8);

    rerender(inMap(<HotspotLayer ref={ref} {...props} selectedId="a" />));
    expect(ref.current).toBe(layer);
    expect(layer.layerOf('a')).toBe(a);
    expect(a.getElement()).toBe(pathA);
    expect(a.options.color).toBe('#000000');
    expect(pathA?.getAttribute('stroke')).toBe('#000000');
    expect(a.getRadius()).toBe(11);
    expect(b.options.color).toBe('#2563eb');

    rerender(inMap(<HotspotLayer ref={ref} {...props} selectedId="b" />));
    expect(ref.current).toBe(layer);
    expect([layer.layerOf('a'), layer.layerOf('b')]).toEqual([a, b]);
    expect(b.getElement()).toBe(pathB);
    expect([a.options.color, a.getRadius()]).toEqual(['#2563eb', 8]);
    expect([b.options.color, b.getRadius()]).toEqual(['#000000', 11]);
    expect(layer.getLayers()).toHaveLength(2);
  });

  it('new data replaces only the edited hotspot, adds the new one and drops the one gone', () => {
    const ref = createRef<HotspotFeatures>();
    const { rerender } = render(inMap(<HotspotLayer ref={ref} {...props} selectedId="b" />));
    const layer = ref.current!;
    const [a, b] = [layer.layerOf('a'), layer.layerOf('b')];

    const edited = [hotspot('a', 68.2), hotspot('b', 68.35, 2), hotspot('c', 68.4)];
    rerender(inMap(<HotspotLayer ref={ref} {...props} features={edited} selectedId="b" />));
    expect(ref.current).toBe(layer);
    expect(layer.layerOf('a')).toBe(a);
    expect(layer.layerOf('b')).not.toBe(b);
    expect((layer.layerOf('b') as L.CircleMarker).getLatLng().lng).toBe(68.35);
    expect(layer.layerOf('b')?.options.color).toBe('#000000');
    expect(tooltipText(layer.layerOf('c'))).toBe('2026-c · Hotspot c');

    rerender(inMap(<HotspotLayer ref={ref} {...props} features={[edited[0]!]} selectedId="b" />));
    expect(layer.getLayers()).toEqual([a]);
    expect(layer.layerOf('b')).toBeUndefined();
  });

  it('a click selects through the handler given last, and every feature draws on the map’s one renderer', () => {
    const ref = createRef<HotspotFeatures>();
    const first = vi.fn();
    const last = vi.fn();
    const { rerender } = render(inMap(<HotspotLayer ref={ref} {...props} onSelect={first} selectedId={undefined} />));
    rerender(inMap(<HotspotLayer ref={ref} {...props} onSelect={last} selectedId={undefined} />));
    ref.current!.layerOf('b')!.fire('click');
    expect(first).not.toHaveBeenCalled();
    expect(last).toHaveBeenCalledWith('b');
    for (const feature of ref.current!.getLayers()) expect(rendererOf(feature)).toBe(renderer);
  });
});

function area(id: number, parent: number | null, west: number): AreaFeature {
  const ring = [
    [west, 43.2],
    [west + 0.1, 43.2],
    [west + 0.1, 43.3],
    [west, 43.3],
    [west, 43.2],
  ];
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Polygon', coordinates: [ring] },
    properties: { id, code: null, level: parent ? 'district' : 'city', name_en: `Area ${id}`, parent_id: parent },
  } as AreaFeature;
}

describe('the areas layer', () => {
  const areas: AreaCollection = {
    type: 'FeatureCollection',
    features: [area(1, null, 68), area(2, 1, 68), area(3, 1, 68.1)],
  };
  const stats = (two: number, three: number) =>
    ({
      by_area: [
        { area_id: 2, entered: two },
        { area_id: 3, entered: three },
      ],
    }) as unknown as Stats;
  const name = (feature: AreaFeature) => feature.properties.name_en;
  const props = { areas, boundaries: true, choropleth: true, name };
  /** The choropleth's shape of an area (the outlines are not interactive and have no tooltip). */
  const filled = (layer: AreaLayers, id: number) =>
    layer
      .getLayers()
      .flatMap((part) => (part as L.GeoJSON).getLayers())
      .find(
        (shape) => (shape as L.Polygon & { feature: AreaFeature }).feature.properties.id === id && shape.getTooltip(),
      ) as L.Polygon;

  it('new counts recolour the choropleth and reword its tooltips without rebuilding a shape', () => {
    const ref = createRef<AreaLayers>();
    const { rerender } = render(inMap(<AreasLayer ref={ref} {...props} stats={stats(4, 1)} />));
    const layer = ref.current!;
    const [two, three] = [filled(layer, 2), filled(layer, 3)];
    expect(filled(layer, 1)).toBeUndefined(); // the parent would hide its districts
    expect([two.options.fillColor, tooltipText(two)]).toEqual([CHOROPLETH[4], 'Area 2: 4']);

    rerender(inMap(<AreasLayer ref={ref} {...props} stats={stats(1, 4)} />));
    expect(ref.current).toBe(layer);
    expect([filled(layer, 2), filled(layer, 3)]).toEqual([two, three]);
    expect([two.options.fillColor, tooltipText(two)]).toEqual([CHOROPLETH[1], 'Area 2: 1']);
    expect([three.options.fillColor, tooltipText(three)]).toEqual([CHOROPLETH[4], 'Area 3: 4']);
    for (const part of layer.getLayers())
      for (const shape of (part as L.GeoJSON).getLayers()) expect(rendererOf(shape)).toBe(renderer);
  });

  it('switching the choropleth off and on keeps the outlines as they are', () => {
    const ref = createRef<AreaLayers>();
    const { rerender } = render(inMap(<AreasLayer ref={ref} {...props} stats={stats(4, 1)} />));
    const layer = ref.current!;
    const [outline] = layer.getLayers();
    rerender(inMap(<AreasLayer ref={ref} {...props} choropleth={false} stats={stats(4, 1)} />));
    expect(layer.getLayers()).toEqual([outline]);
    rerender(inMap(<AreasLayer ref={ref} {...props} stats={stats(4, 1)} />));
    expect(layer.getLayers()[0]).toBe(outline);
    expect(filled(layer, 2).options.fillColor).toBe(CHOROPLETH[4]);
  });
});

describe('the cluster layer', () => {
  const cluster = (lon: number, count: number, hotspotId: string | null = null) => ({
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: [lon, 43.3] as [number, number] },
    properties: {
      count,
      open: count,
      resolved: 0,
      overdue: 0,
      bbox: [lon, 43.2, lon + 0.1, 43.4],
      hotspot_id: hotspotId,
    },
  });
  const collection = (...features: ReturnType<typeof cluster>[]) =>
    ({ type: 'FeatureCollection', features }) as ClusterCollection;
  const clusterLabel = (count: number) => `${count} hotspots`;

  it('keeps the markers whose cluster is unchanged, so a focused one keeps its focus', () => {
    const ref = createRef<ClusterMarkers>();
    const onSelect = vi.fn();
    const first = collection(cluster(68.2, 12), cluster(68.3, 1, 'h1'));
    const { rerender } = render(
      inMap(<ClusterLayer ref={ref} clusters={first} onSelect={onSelect} label={clusterLabel} />),
    );
    const layer = ref.current!;
    const [big, single] = layer.getLayers() as L.Marker[];
    expect(big!.getElement()?.textContent).toBe('12');
    expect(big!.getElement()?.getAttribute('title')).toBe('12 hotspots');
    single!.fire('click');
    expect(onSelect).toHaveBeenCalledWith('h1');

    const moved = collection(cluster(68.2, 12), cluster(68.4, 30));
    rerender(inMap(<ClusterLayer ref={ref} clusters={moved} onSelect={onSelect} label={clusterLabel} />));
    expect(ref.current).toBe(layer);
    const now = layer.getLayers() as L.Marker[];
    expect(now).toHaveLength(2);
    expect(now[0]).toBe(big);
    expect(now).not.toContain(single);
  });
});
