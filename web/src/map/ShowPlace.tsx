import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import type { PlaceChoice } from '../hotspots/PlaceEntry';

/** Zoom at which a typed point is shown: streets and buildings around it are readable. */
const POINT_ZOOM = 15;

/** Brings a place chosen by keyboard into view: centres on a point, frames an area. */
export function ShowPlace({ choice, serial }: { choice: PlaceChoice | undefined; serial: number | undefined }) {
  const map = useMap();
  useEffect(() => {
    if (!choice) return;
    if (choice.kind === 'point') {
      map.setView([choice.lat, choice.lon], Math.max(map.getZoom(), POINT_ZOOM));
    } else {
      const [minLon, minLat, maxLon, maxLat] = choice.bbox;
      map.fitBounds(
        [
          [minLat, minLon],
          [maxLat, maxLon],
        ],
        { padding: [20, 20] },
      );
    }
    // Once per choice (serial), not whenever the object is rebuilt.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, serial]);
  return null;
}
