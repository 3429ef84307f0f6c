import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { NearbyAnswer } from '@oshaq/api/contract/hotspot-nearby';
import { get } from '../api/client';
import { formatDate, formatNumber } from '../i18n/i18n';
import type { DrawnGeometry } from './geometry-check';
import './hotspot-checks.css';

/** Time after the last change of category or place before asking, so drawing sends one request. */
export const NEARBY_DEBOUNCE_MS = 400;

/** The point the API measures from: the point itself, or the middle of a polygon's (first) outer ring. */
export function placeOf(geometry: DrawnGeometry): [number, number] {
  if (geometry.type === 'Point') return geometry.coordinates as [number, number];
  const ring = (geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0]?.[0]) ?? [];
  // The ring repeats its first vertex at the end: count it once.
  const vertices = ring.length > 1 ? ring.slice(0, -1) : ring;
  let lon = 0;
  let lat = 0;
  for (const vertex of vertices) {
    lon += vertex[0] ?? 0;
    lat += vertex[1] ?? 0;
  }
  const n = vertices.length || 1;
  return [lon / n, lat / n];
}

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * Before registering: open (or lately resolved) hotspots of the same category near the place,
 * within the category's radius. The person may open one (in a new tab, the form stays), mark the
 * new one as its duplicate (counted once as entered), or go on — the new hotspot is unaffected.
 */
export function NearbyWarning({
  category,
  geometry,
  duplicateOf,
  onDuplicateOf,
}: {
  category: string;
  geometry: DrawnGeometry | undefined;
  duplicateOf: string;
  onDuplicateOf: (id: string) => void;
}) {
  const { t } = useTranslation();
  const place = geometry
    ? placeOf(geometry)
        .map((n) => n.toFixed(6))
        .join(',')
    : '';
  const asked = useDebounced(category && place ? `${category}|${place}` : '', NEARBY_DEBOUNCE_MS);
  const [dismissed, setDismissed] = useState('');
  const nearby = useQuery({
    queryKey: ['nearby', asked],
    queryFn: ({ signal }) => {
      const [code, point] = asked.split('|');
      const [lon, lat] = point!.split(',');
      return get<NearbyAnswer>('/api/hotspots/nearby', { category: code!, lon: lon!, lat: lat! }, signal);
    },
    enabled: asked !== '',
  });
  const hotspots = nearby.data?.hotspots ?? [];
  const current = `${category}|${place}`;
  // A duplicate marked before the category or place changed may be another issue now: once the
  // answer for what the form now says (none without a category and place) does not list it, the
  // registration must not name it. While that answer is on its way, the mark stays.
  const answered = !(category && place) || (asked === current && nearby.isSuccess);
  const listed = hotspots.some((hotspot) => hotspot.id === duplicateOf);
  useEffect(() => {
    if (duplicateOf && answered && !listed) onDuplicateOf('');
  }, [duplicateOf, answered, listed, onDuplicateOf]);
  // A warning about a place the person has moved away from would mislead: it follows what was asked.
  if (!asked || asked !== current || !hotspots.length || (dismissed === asked && !duplicateOf)) return null;
  return (
    <section className="nearby-warning" role="region" aria-labelledby="nearby-title" data-testid="nearby-warning">
      <h3 id="nearby-title">{t('hotspotNearby.title', { count: hotspots.length })}</h3>
      <p className="hint">{t('hotspotNearby.hint', { radius: formatNumber(nearby.data?.radius_m ?? 0) })}</p>
      <ul className="plain-list">
        {hotspots.map((hotspot) => (
          <li key={hotspot.id} data-duplicate-of={duplicateOf === hotspot.id || undefined}>
            <strong>{hotspot.reference}</strong> {hotspot.title}{' '}
            <span className="hint">
              {t('hotspotNearby.facts', {
                distance: formatNumber(hotspot.distance_m),
                date: formatDate(hotspot.registered_on),
              })}
              {hotspot.status === 'resolved' && ` · ${t('hotspotNearby.resolved')}`}
            </span>
            <div className="buttons">
              <a
                href={`/?period=all&h=${hotspot.id}`}
                target="_blank"
                rel="noopener noreferrer"
                data-action="open-nearby"
              >
                {t('hotspotNearby.open')}
              </a>
              {duplicateOf === hotspot.id ? (
                <button type="button" aria-pressed="true" onClick={() => onDuplicateOf('')} data-action="not-duplicate">
                  {t('hotspotNearby.markedDuplicate')}
                </button>
              ) : (
                <button type="button" onClick={() => onDuplicateOf(hotspot.id)} data-action="mark-duplicate">
                  {t('hotspotNearby.markDuplicate')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {!duplicateOf && (
        <button type="button" onClick={() => setDismissed(asked)} data-action="continue-anyway">
          {t('hotspotNearby.continue')}
        </button>
      )}
    </section>
  );
}
