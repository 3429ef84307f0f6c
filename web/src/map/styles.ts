import type { PathOptions } from 'leaflet';
import type { Status } from '../api/types';

/** How a hotspot is drawn: category colour; resolved and dismissed ones hollow, grey-edged and dashed. */
export function hotspotStyle(colour: string, status: Status, selected: boolean): PathOptions {
  const closed = status === 'resolved' || status === 'dismissed';
  return {
    color: selected ? '#000000' : closed ? '#555555' : colour,
    weight: selected ? 4 : 2,
    dashArray: closed ? '4 4' : undefined,
    fillColor: colour,
    fillOpacity: closed ? 0.15 : 0.55,
    opacity: 1,
  };
}

export const STATUS_GROUPS = ['open', 'resolved', 'dismissed'] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

export function statusGroup(status: Status): StatusGroup {
  return status === 'resolved' ? 'resolved' : status === 'dismissed' ? 'dismissed' : 'open';
}

/** Sequential scale for the choropleth: five classes from light to dark (classes in choropleth.ts). */
export const CHOROPLETH = ['#fff5eb', '#fdd0a2', '#fd8d3c', '#d94801', '#7f2704'];

export const FALLBACK_COLOUR = '#6b7280';
