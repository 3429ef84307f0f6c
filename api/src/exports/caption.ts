import type { Knex } from 'knex';
import type { HotspotFilters, HotspotListQuery } from '../contract/hotspots.js';
import type { ResolvedFilters } from '../hotspots/filter-sql.js';
import { captionNames } from './repo.js';
import { EXPORT_WORDS, type ExportLang } from './words.js';

/** What the title rows of a workbook say: what it is, which hotspots, in which order. */
export interface ExportCaption {
  title: string;
  /** The filters in words, e.g. "Мәртебесі: Тіркелген, Жұмыста; Санаты: Жер" — or "all hotspots". */
  filters: string;
  sort: string;
  madeLabel: string;
}

const range = (from?: string, to?: string) => (from && to ? `${from} — ${to}` : from ? `${from} —` : `— ${to}`);

/**
 * The filters as a meeting reads them, in the order of the filter bar: codes worded, categories,
 * agencies and the area by name in the language asked. Read before the first byte is sent.
 */
export async function exportCaption(
  knex: Knex,
  filters: HotspotFilters,
  resolved: ResolvedFilters,
  sort: HotspotListQuery['sort'],
  lang: ExportLang,
): Promise<ExportCaption> {
  const w = EXPORT_WORDS[lang];
  const names = await captionNames(knex, lang, {
    categories: resolved.categoryIds,
    agencies: resolved.agencyIds,
    area: filters.area,
  });
  const parts: [string, string | undefined][] = [
    ['status', filters.status?.map((code) => w.status[code] ?? code).join(', ')],
    ['category', names.categories.join(', ') || undefined],
    ['severity', filters.severity?.map((code) => w.severity[code] ?? code).join(', ')],
    ['agency', names.agencies.join(', ') || undefined],
    ['area', names.area],
    [
      'registered',
      filters.registered_from || filters.registered_to
        ? range(filters.registered_from, filters.registered_to)
        : undefined,
    ],
    [
      'resolved',
      filters.resolved_from || filters.resolved_to ? range(filters.resolved_from, filters.resolved_to) : undefined,
    ],
    ['overdue', filters.overdue === undefined ? undefined : filters.overdue ? w.yes : w.no],
    [
      'overdue_instructions',
      filters.overdue_instructions === undefined ? undefined : filters.overdue_instructions ? w.yes : w.no,
    ],
    ['q', filters.q === undefined ? undefined : `«${filters.q}»`],
    [
      'bbox',
      filters.bbox && [filters.bbox.minLon, filters.bbox.minLat, filters.bbox.maxLon, filters.bbox.maxLat].join(', '),
    ],
  ];
  const said = parts
    .filter((part): part is [keyof typeof w.filter, string] => part[1] !== undefined)
    .map(([key, value]) => `${w.filter[key]}: ${value}`);
  return {
    title: w.title,
    filters: `${w.filters}: ${said.length ? said.join('; ') : w.noFilters}`,
    sort: `${w.sortedBy}: ${w.sorts[sort]}`,
    madeLabel: w.made,
  };
}
