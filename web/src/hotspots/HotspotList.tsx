import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies, useCategories, useHotspots } from '../api/hooks';
import type { HotspotFeature } from '../api/types';
import type { ApiFilters } from '../filters/filters';
import { formatDate, formatNumber } from '../i18n/i18n';
import { localName } from '../i18n/names';
import { useProblemText } from '../api/problem-text';

export const LIST_SORTS = ['-registered_on', 'registered_on', 'due_on', '-severity', 'reference', 'title'] as const;
export type ListSort = (typeof LIST_SORTS)[number];
const PAGE = 20;

function cursorOf(href: string | undefined): string | undefined {
  if (!href) return undefined;
  return new URL(href, 'http://local').searchParams.get('cursor') ?? undefined;
}

/** The selection as a sorted, paged list; choosing a row selects it on the map, a map click marks its row. */
export function HotspotList({
  filters,
  selectedId,
  onChoose,
  sort: shownSort,
  onSortChange,
}: {
  filters: ApiFilters;
  selectedId: string | undefined;
  onChoose: (feature: HotspotFeature) => void;
  /** The order, when the page holds it (the exports follow it); otherwise the list keeps its own. */
  sort?: ListSort;
  onSortChange?: (sort: ListSort) => void;
}) {
  const { t, i18n } = useTranslation();
  // A failed read in the person's words (the API's detail is English, for API users).
  const problemText = useProblemText();
  const [ownSort, setOwnSort] = useState<ListSort>('-registered_on');
  const sort = shownSort ?? ownSort;
  const setSort = onSortChange ?? setOwnSort;
  // Keyset paging: the cursors of the pages before this one, to step back.
  // They belong to one selection and sort: a cursor sent with another would be refused, so a change
  // starts again at the first page in the same render, before any request goes out.
  const selectionKey = `${JSON.stringify(filters)}|${sort}`;
  const [paging, setPaging] = useState({ key: selectionKey, cursors: [undefined] as (string | undefined)[] });
  const cursors = paging.key === selectionKey ? paging.cursors : [undefined];
  const setCursors = (next: (string | undefined)[]) => setPaging({ key: selectionKey, cursors: next });
  const cursor = cursors[cursors.length - 1];
  const page = useHotspots({ ...filters, sort, limit: PAGE, cursor });
  const categories = useCategories();
  const agencies = useAgencies();
  const selectedRow = useRef<HTMLLIElement>(null);
  // A block body: newer browsers return a promise from scrollIntoView, and an effect may return only a clean-up.
  useEffect(() => {
    selectedRow.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedId, page.data]);

  const data = page.data;
  const next = cursorOf(data?.links.find((link) => link.rel === 'next')?.href);
  const first = (cursors.length - 1) * PAGE + 1;
  const language = i18n.language;
  const categoryName = (code: string) =>
    localName(
      categories.data?.find((c) => c.code === code),
      language,
    ) || code;
  const agencyName = (code: string | null) =>
    code
      ? localName(
          agencies.data?.find((a) => a.code === code),
          language,
        ) || code
      : t('common.none');

  return (
    <section className="hotspot-list" aria-labelledby="hotspot-list-title">
      <div className="list-head">
        <h2 id="hotspot-list-title">{t('hotspots.list.title')}</h2>
        <label>
          {t('hotspots.list.sort')}{' '}
          <select name="sort" value={sort} onChange={(event) => setSort(event.target.value as typeof sort)}>
            {LIST_SORTS.map((value) => (
              <option key={value} value={value}>
                {t(`hotspots.list.sorts.${value}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {page.isError && <p role="alert">{problemText(page.error)}</p>}
      {data && data.features.length === 0 && <p>{t('hotspots.list.empty')}</p>}
      <ol className="rows" data-testid="hotspot-list" aria-busy={page.isFetching}>
        {data?.features.map((feature) => {
          const p = feature.properties;
          const selected = feature.id === selectedId;
          return (
            <li key={feature.id} ref={selected ? selectedRow : undefined} className={selected ? 'selected' : undefined}>
              <button
                type="button"
                onClick={() => onChoose(feature)}
                aria-current={selected ? 'true' : undefined}
                data-reference={p.reference}
              >
                <span className="ref">{p.reference}</span>
                <span className={`status status-${p.status}`}>{t(`common.status.${p.status}`)}</span>
                {p.overdue && <span className="overdue">{t('hotspots.list.overdue')}</span>}
                {p.confidential && (
                  <span className="confidential-mark" data-confidential="true">
                    {t('hotspots.fields.confidential')}
                  </span>
                )}
                <span className="title">{p.title}</span>
                <span className="meta">
                  {categoryName(p.category)} · {t(`common.severity.${p.severity}`)} · {agencyName(p.agency)} ·{' '}
                  {formatDate(p.registered_on)}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      {data && (data.numberMatched ?? data.numberMatchedMoreThan ?? 0) > 0 && (
        <nav className="pager" aria-label={t('hotspots.list.title')}>
          <button type="button" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
            {t('hotspots.list.previous')}
          </button>
          <span data-testid="list-range">
            {/* Beyond the API's counting limit only "more than N" is known (numberMatchedMoreThan). */}
            {t(data.numberMatched === undefined ? 'hotspots.list.shownMoreThan' : 'hotspots.list.shown', {
              from: formatNumber(first),
              to: formatNumber(first + data.numberReturned - 1),
              total: formatNumber(data.numberMatched ?? data.numberMatchedMoreThan ?? 0),
            })}
          </span>
          <button type="button" disabled={!next} onClick={() => setCursors([...cursors, next])}>
            {t('hotspots.list.next')}
          </button>
        </nav>
      )}
    </section>
  );
}
