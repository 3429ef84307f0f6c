import { useEffect } from 'react';
import L from 'leaflet';
import '@geoman-io/leaflet-geoman-free';
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';
import { useTranslation } from 'react-i18next';
import { useMap } from 'react-leaflet';
import type { DrawnGeometry } from '../hotspots/geometry-check';

export type DrawMode = 'point' | 'polygon';

/**
 * Drawing with leaflet-geoman: a click places a point, clicks mark a polygon's corners. The drawn
 * shape stays editable (drag its corners), and every change is reported, so the form re-checks it.
 * Given a `geometry`, it edits that one instead (changing a hotspot's location).
 */
export function DrawTool({
  mode,
  geometry,
  onChange,
}: {
  mode: DrawMode;
  geometry: DrawnGeometry | undefined;
  onChange: (geometry: DrawnGeometry | undefined) => void;
}) {
  const map = useMap();
  const { t, i18n } = useTranslation();

  useEffect(() => {
    if (!map.pm) map.pm = new (L.PM as unknown as { Map: new (map: L.Map) => L.PM.PMMap }).Map(map);
    // geoman's hints follow the interface's language; its own kk does not exist, and its ru is not ours.
    const language = `oshaq-${i18n.language}` as L.PM.SupportLocales;
    map.pm.setLang(
      language,
      {
        tooltips: {
          placeCircleMarker: t('map.geoman.placeCircleMarker'),
          firstVertex: t('map.geoman.firstVertex'),
          continueLine: t('map.geoman.continueLine'),
          finishPoly: t('map.geoman.finishPoly'),
        },
        actions: {
          finish: t('map.geoman.finish'),
          cancel: t('map.geoman.cancel'),
          removeLastVertex: t('map.geoman.removeLastVertex'),
        },
      },
      'en',
    );
  }, [map, t, i18n.language]);

  useEffect(() => {
    // geoman equips maps created after it loads; this one was created before the drawing chunk came.
    if (!map.pm) map.pm = new (L.PM as unknown as { Map: new (map: L.Map) => L.PM.PMMap }).Map(map);
    map.getContainer().dataset.drawing = geometry ? 'edit' : mode;
    const style = { color: '#b91c1c', fillColor: '#ef4444', fillOpacity: 0.3, weight: 3 };
    let shape: L.Layer | undefined;
    const report = () => {
      if (!shape) return;
      const feature = (shape as L.Polygon).toGeoJSON() as GeoJSON.Feature<DrawnGeometry>;
      onChange(feature.geometry);
    };
    const watch = (layer: L.Layer) => {
      shape = layer;
      (layer as L.Polygon).pm.enable({ allowSelfIntersection: true, draggable: true });
      layer.on('pm:edit pm:dragend pm:markerdragend', report);
      report();
    };
    if (geometry) {
      const existing = L.geoJSON(geometry as GeoJSON.Geometry, {
        style: () => style,
        pointToLayer: (_feature, latlng) => L.circleMarker(latlng, { ...style, radius: 10 }),
      });
      const first = existing.getLayers()[0];
      if (first) {
        first.addTo(map);
        watch(first);
      }
    } else {
      map.pm.setGlobalOptions({ pathOptions: style, templineStyle: style, hintlineStyle: style });
      map.pm.enableDraw(mode === 'point' ? 'CircleMarker' : 'Polygon', {
        continueDrawing: false,
        allowSelfIntersection: true,
        finishOn: mode === 'point' ? null : 'dblclick',
      });
    }
    const created = (event: { layer: L.Layer }) => {
      map.pm.disableDraw();
      watch(event.layer);
    };
    map.on('pm:create', created);
    return () => {
      delete map.getContainer().dataset.drawing;
      map.off('pm:create', created);
      map.pm.disableDraw();
      (shape as L.Polygon | undefined)?.pm.disable();
      shape?.remove();
    };
    // The drawing starts once per mode; later geometry updates come from the drawing itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, mode]);

  return null;
}
