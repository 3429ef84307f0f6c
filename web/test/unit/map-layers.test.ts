import { describe, expect, it } from 'vitest';
import type { HotspotFeature, Status } from '../../src/api/types';
import {
  DEFAULT_LAYERS,
  filtersForLayers,
  readLayers,
  visibleFeatures,
  writeLayers,
  type LayerChoice,
} from '../../src/map/layers';

const CATEGORIES = ['land', 'utilities', 'ecology'];

function hotspot(id: string, category: string, status: Status): HotspotFeature {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [68.25, 43.3] },
    properties: { category, status } as HotspotFeature['properties'],
  };
}

const features = [
  hotspot('a', 'land', 'registered'),
  hotspot('b', 'land', 'resolved'),
  hotspot('c', 'ecology', 'in_progress'),
  hotspot('d', 'utilities', 'dismissed'),
];

const layers = (change: Partial<LayerChoice>): LayerChoice => ({ ...DEFAULT_LAYERS, ...change });

describe('map layers', () => {
  it('draws every hotspot when every layer is on', () => {
    expect(visibleFeatures(features, DEFAULT_LAYERS).map((f) => f.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a hidden category and a hidden status group leave out exactly their hotspots', () => {
    const shown = visibleFeatures(features, layers({ hiddenCategories: ['land'], statuses: ['open', 'resolved'] }));
    expect(shown.map((f) => f.id)).toEqual(['c']);
  });

  it('with every layer on, clusters are asked for with the filters unchanged', () => {
    const filters = { category: ['land'], status: undefined, q: 'су' };
    expect(filtersForLayers(filters, DEFAULT_LAYERS, CATEGORIES)).toEqual(filters);
  });

  it('a hidden category narrows the request to the other categories, within the filter when there is one', () => {
    expect(filtersForLayers({}, layers({ hiddenCategories: ['land'] }), CATEGORIES)?.category).toEqual([
      'utilities',
      'ecology',
    ]);
    expect(
      filtersForLayers({ category: ['land', 'ecology'] }, layers({ hiddenCategories: ['land'] }), CATEGORIES)?.category,
    ).toEqual(['ecology']);
  });

  it('hiding resolved asks only for open and dismissed statuses, and keeps the status filter', () => {
    expect(filtersForLayers({}, layers({ statuses: ['open', 'dismissed'] }), CATEGORIES)?.status).toEqual([
      'registered',
      'in_progress',
      'dismissed',
    ]);
    expect(
      filtersForLayers({ status: 'registered,resolved' }, layers({ statuses: ['resolved'] }), CATEGORIES)?.status,
    ).toEqual(['resolved']);
  });

  it('when the layers hide everything the filter selects, there is nothing to ask for', () => {
    expect(
      filtersForLayers({ category: ['land'] }, layers({ hiddenCategories: ['land'] }), CATEGORIES),
    ).toBeUndefined();
    expect(filtersForLayers({}, layers({ statuses: [] }), CATEGORIES)).toBeUndefined();
  });
});

describe('layers in the address', () => {
  it('the default choice writes nothing, so a plain link stays plain', () => {
    expect(writeLayers(DEFAULT_LAYERS)).toBe('');
    expect(readLayers(null)).toEqual(DEFAULT_LAYERS);
  });

  it('a hidden category, a hidden status, no boundaries and the choropleth survive the round trip', () => {
    const choice = layers({
      hiddenCategories: ['utilities', 'ecology'],
      statuses: ['open', 'dismissed'],
      boundaries: false,
      choropleth: true,
    });
    const written = writeLayers(choice);
    expect(written).toBe('-utilities,-ecology,-resolved,-boundaries,+choropleth');
    expect(readLayers(written)).toEqual(choice);
  });

  it('a hand-edited value keeps what it understands', () => {
    expect(readLayers(',,-land,-land,+nothing,open')).toEqual(layers({ hiddenCategories: ['land'] }));
  });
});
