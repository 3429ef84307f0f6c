import { STATUSES, type HotspotMapFeature } from '../api/types';
import type { ApiFilters } from '../filters/filters';
import { STATUS_GROUPS, statusGroup, type StatusGroup } from './styles';

/** What the person chose to see on the map; the legend shows exactly these. */
export interface LayerChoice {
  hiddenCategories: string[];
  statuses: StatusGroup[];
  boundaries: boolean;
  choropleth: boolean;
  /** Settlement names, drawn when the base map is missing (SettlementsLayer.tsx). */
  settlements: boolean;
}

export const DEFAULT_LAYERS: LayerChoice = {
  hiddenCategories: [],
  statuses: ['open', 'resolved', 'dismissed'],
  boundaries: true,
  choropleth: false,
  settlements: true,
};

/** The hotspots a layer choice draws: those whose category layer and status layer are both on. */
export function visibleFeatures<F extends HotspotMapFeature>(features: F[], layers: LayerChoice): F[] {
  const hidden = new Set(layers.hiddenCategories);
  const shown = new Set(layers.statuses);
  return features.filter(
    (feature) => !hidden.has(feature.properties.category) && shown.has(statusGroup(feature.properties.status)),
  );
}

/**
 * The filters that make server clusters count only what the layers show: a hidden category or status
 * layer narrows the request, so a cluster's number never includes hotspots its legend says are off.
 * Undefined when the layers hide everything (nothing to ask for).
 */
export function filtersForLayers(
  filters: ApiFilters,
  layers: LayerChoice,
  categoryCodes: string[],
): ApiFilters | undefined {
  const narrowed: ApiFilters = { ...filters };
  if (layers.hiddenCategories.length) {
    const chosen = asList(filters.category);
    const candidates = chosen.length ? chosen : categoryCodes;
    const kept = candidates.filter((code) => !layers.hiddenCategories.includes(code));
    if (kept.length === 0) return undefined;
    narrowed.category = kept;
  }
  const shown = new Set(layers.statuses);
  if (shown.size < STATUS_GROUPS.length) {
    const chosen = asList(filters.status);
    const candidates = chosen.length ? chosen : [...STATUSES];
    const kept = candidates.filter((status) => shown.has(statusGroup(status as (typeof STATUSES)[number])));
    if (kept.length === 0) return undefined;
    narrowed.status = kept;
  }
  return narrowed;
}

function asList(value: ApiFilters[string]): string[] {
  if (Array.isArray(value)) return value;
  return typeof value === 'string' && value ? value.split(',') : [];
}

/**
 * The layer choice as written in the address (`layers=-utilities,-resolved,+choropleth`): only what
 * differs from the default, so a plain link stays plain and a shared view keeps its layers.
 */
export function writeLayers(layers: LayerChoice): string {
  const parts = [
    ...layers.hiddenCategories.map((code) => `-${code}`),
    ...STATUS_GROUPS.filter((group) => !layers.statuses.includes(group)).map((group) => `-${group}`),
  ];
  if (!layers.boundaries) parts.push('-boundaries');
  if (!layers.settlements) parts.push('-settlements');
  if (layers.choropleth) parts.push('+choropleth');
  return parts.join(',');
}

export function readLayers(value: string | null): LayerChoice {
  const parts = (value ?? '').split(',').filter(Boolean);
  const hidden = parts.filter((part) => part.startsWith('-')).map((part) => part.slice(1));
  const groups = new Set<string>(STATUS_GROUPS);
  return {
    hiddenCategories: [
      ...new Set(hidden.filter((name) => !groups.has(name) && name !== 'boundaries' && name !== 'settlements')),
    ],
    statuses: STATUS_GROUPS.filter((group) => !hidden.includes(group)),
    boundaries: !hidden.includes('boundaries'),
    choropleth: parts.includes('+choropleth'),
    settlements: !hidden.includes('settlements'),
  };
}
