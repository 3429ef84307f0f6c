import type { HotspotFeature } from '../api/types';
import { FOCUS_MAX_ZOOM, focusBounds } from '../map/FocusOn';
import type { View } from '../map/viewport';

/**
 * Where meeting mode's map opens: on the current item, so the city-wide first fit never races the
 * first step. It opens as close as the map's own focus goes (FOCUS_MAX_ZOOM), centred on the item
 * with its surroundings: at 15 a point was a blank square on a projector with no tiles. An area
 * larger than that view is then fitted whole by the map's FocusOn, as on the map page.
 */
export function openingView(feature: HotspotFeature | undefined): View | undefined {
  if (!feature) return undefined;
  const bounds = focusBounds(feature);
  if (!bounds) return undefined;
  const center = bounds.getCenter();
  return { lat: center.lat, lon: center.lng, zoom: FOCUS_MAX_ZOOM };
}
