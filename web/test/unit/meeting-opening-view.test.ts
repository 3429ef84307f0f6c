// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { HotspotFeature } from '../../src/api/types';
import { FOCUS_MAX_ZOOM } from '../../src/map/FocusOn';
import { openingView } from '../../src/meeting/opening-view';

const feature = (geometry: HotspotFeature['geometry']) =>
  ({ type: 'Feature', id: 'a', properties: {}, geometry }) as unknown as HotspotFeature;

describe('where meeting mode’s map opens', () => {
  it('opens on a point no closer than the map’s own focus, so the first item is not a blank close-up', () => {
    const view = openingView(feature({ type: 'Point', coordinates: [68.25, 43.3] }));
    expect(view?.zoom).toBe(FOCUS_MAX_ZOOM);
    expect(view?.lat).toBeCloseTo(43.3, 4);
    expect(view?.lon).toBeCloseTo(68.25, 4);
  });

  it('opens on the middle of an area, at the same zoom (the map then fits a larger area whole)', () => {
    const view = openingView(
      feature({
        type: 'Polygon',
        coordinates: [
          [
            [68.2, 43.2],
            [68.3, 43.2],
            [68.3, 43.4],
            [68.2, 43.4],
            [68.2, 43.2],
          ],
        ],
      }),
    );
    expect(view?.zoom).toBeLessThanOrEqual(FOCUS_MAX_ZOOM);
    expect(view?.lat).toBeCloseTo(43.3, 2);
    expect(view?.lon).toBeCloseTo(68.25, 4);
  });

  it('has no view of its own with no item, so the map fits the city', () => {
    expect(openingView(undefined)).toBeUndefined();
  });
});
