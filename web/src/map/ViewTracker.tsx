import { useEffect } from 'react';
import { useMap, useMapEvents } from 'react-leaflet';
import { bboxOf } from './viewport';

export interface MapView {
  bbox: string;
  zoom: number;
  center: [number, number];
}

/** Reports the view after each move, so the layers ask the API for just what is on screen. */
export function ViewTracker({ onView }: { onView: (view: MapView) => void }) {
  const map = useMap();
  const report = () => {
    const center = map.getCenter();
    onView({ bbox: bboxOf(map.getBounds()), zoom: map.getZoom(), center: [center.lat, center.lng] });
  };
  useMapEvents({ moveend: report });
  useEffect(report, [map]); // eslint-disable-line react-hooks/exhaustive-deps
  return null;
}
