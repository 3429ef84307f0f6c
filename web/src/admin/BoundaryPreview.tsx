import { useEffect } from 'react';
import L from 'leaflet';
import { useTranslation } from 'react-i18next';
import { MapContainer, useMap } from 'react-leaflet';
import type { ParsedBoundaries } from './boundaries-api';

const OUTLINE: L.PathOptions = { color: '#1f5fa8', weight: 1.5, fillOpacity: 0.08 };
const AT_FAULT: L.PathOptions = { color: '#c0392b', weight: 2.5, fillOpacity: 0.25 };

/**
 * Draws the file's features one by one, so a feature whose geometry Leaflet cannot read (the very
 * thing the check may be reporting) leaves the others on the map.
 */
function Outlines({ file, faulty }: { file: ParsedBoundaries; faulty: ReadonlySet<number> }) {
  const map = useMap();
  useEffect(() => {
    const group = L.featureGroup();
    file.json.features.forEach((feature, index) => {
      try {
        L.geoJSON(feature as GeoJSON.Feature, { style: faulty.has(index) ? AT_FAULT : OUTLINE }).addTo(group);
      } catch {
        // Not drawable; the check names it.
      }
    });
    group.addTo(map);
    const bounds = group.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
    return () => {
      group.remove();
    };
  }, [map, file, faulty]);
  return null;
}

/** The file's outlines on a small map without tiles: enough to see it is the right city, at the right place. */
export default function BoundaryPreview({ file, faulty }: { file: ParsedBoundaries; faulty: ReadonlySet<number> }) {
  const { t } = useTranslation();
  // MapContainer hands unknown props to Leaflet, not to its element: the label sits on a wrapper.
  return (
    <div role="region" aria-label={t('admin.boundaries.upload.previewLabel', { name: file.name })}>
      <MapContainer center={[48, 67]} zoom={4} className="boundary-preview-map" keyboard attributionControl={false}>
        <Outlines file={file} faulty={faulty} />
      </MapContainer>
    </div>
  );
}
