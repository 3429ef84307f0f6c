import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies, useAreas, useCategories } from '../api/hooks';
import { SEVERITIES, STATUSES } from '../api/types';
import { PERIODS, type Selection } from '../filters/filters';
import { compareText } from '../i18n/i18n';
import { localName } from '../i18n/names';
import { MultiSelect } from '../app/MultiSelect';

/** Escape closes an open disclosure and gives the focus back to its summary, as MultiSelect's do. */
function closeOnEscape(event: KeyboardEvent<HTMLDetailsElement>) {
  const details = event.currentTarget;
  if (event.key !== 'Escape' || !details.open) return;
  details.open = false;
  details.querySelector('summary')?.focus();
}

/** Every filter writes to the URL at once, so the map, list and counts change together and the view can be shared. */
export function FilterBar({ selection, onChange }: { selection: Selection; onChange: (next: Selection) => void }) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const agencies = useAgencies();
  const areas = useAreas();
  const [text, setText] = useState(selection.q);
  useEffect(() => {
    setText(selection.q);
  }, [selection.q]);
  // Typing waits for a pause before asking the server.
  useEffect(() => {
    if (text === selection.q) return;
    const timer = setTimeout(() => onChange({ ...selection, q: text.trim() }), 350);
    return () => clearTimeout(timer);
  }, [text, selection, onChange]);

  const language = i18n.language;
  const more = [selection.area !== undefined, selection.overdue, selection.overdueInstructions].filter(Boolean).length;
  const byName = (a: { label: string }, b: { label: string }) => compareText(a.label, b.label);
  return (
    <form
      className="filter-bar"
      role="search"
      aria-label={t('hotspots.filters.label')}
      onSubmit={(e) => e.preventDefault()}
    >
      <label className="filter">
        {t('hotspots.filters.period')}
        <select
          name="period"
          value={selection.period}
          onChange={(event) => onChange({ ...selection, period: event.target.value as Selection['period'] })}
        >
          {PERIODS.map((period) => (
            <option key={period} value={period}>
              {t(`hotspots.periods.${period}`)}
            </option>
          ))}
        </select>
      </label>
      {selection.period === 'custom' && (
        <>
          <label className="filter">
            {t('hotspots.filters.from')}
            <input
              type="date"
              name="from"
              value={selection.from ?? ''}
              onChange={(event) => onChange({ ...selection, from: event.target.value || undefined })}
            />
          </label>
          <label className="filter">
            {t('hotspots.filters.to')}
            <input
              type="date"
              name="to"
              value={selection.to ?? ''}
              onChange={(event) => onChange({ ...selection, to: event.target.value || undefined })}
            />
          </label>
        </>
      )}
      <MultiSelect
        allLabel={t('hotspots.filters.all')}
        label={t('hotspots.fields.status')}
        name="status"
        value={selection.status}
        onChange={(status) => onChange({ ...selection, status })}
        options={STATUSES.map((value) => ({ value, label: t(`common.status.${value}`) }))}
      />
      <MultiSelect
        allLabel={t('hotspots.filters.all')}
        label={t('hotspots.fields.category')}
        name="category"
        value={selection.category}
        onChange={(category) => onChange({ ...selection, category })}
        options={(categories.data ?? []).map((c) => ({ value: c.code, label: localName(c, language) })).sort(byName)}
      />
      <MultiSelect
        allLabel={t('hotspots.filters.all')}
        label={t('hotspots.fields.severity')}
        name="severity"
        value={selection.severity}
        onChange={(severity) => onChange({ ...selection, severity })}
        options={SEVERITIES.map((value) => ({ value, label: t(`common.severity.${value}`) }))}
      />
      <MultiSelect
        allLabel={t('hotspots.filters.all')}
        label={t('hotspots.fields.agency')}
        name="agency"
        value={selection.agency}
        onChange={(agency) => onChange({ ...selection, agency })}
        options={(agencies.data ?? []).map((a) => ({ value: a.code, label: localName(a, language) })).sort(byName)}
      />
      {/*
       * The less used filters behind one disclosure, so the bar stays one row on a laptop (1366 px);
       * the summary counts the ones set, so a narrowed map is never a mystery. The URL is unchanged.
       */}
      <details className="filter multi more-filters" data-filter="more" onKeyDown={closeOnEscape}>
        <summary className={more ? 'active' : undefined}>
          {more ? t('hotspots.filters.moreSet', { count: more }) : t('hotspots.filters.more')}
        </summary>
        <fieldset>
          <legend className="visually-hidden">{t('hotspots.filters.more')}</legend>
          <label className="filter area">
            {t('hotspots.fields.area')}
            <select
              name="area"
              value={selection.area ?? ''}
              onChange={(event) => onChange({ ...selection, area: Number(event.target.value) || undefined })}
            >
              <option value="">{t('hotspots.filters.anyArea')}</option>
              {(areas.data?.features ?? [])
                .map((area) => ({ value: String(area.properties.id), label: localName(area.properties, language) }))
                .sort(byName)
                .map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
            </select>
          </label>
          <label className="filter checkbox">
            <input
              type="checkbox"
              name="overdue"
              checked={selection.overdue}
              onChange={(event) => onChange({ ...selection, overdue: event.target.checked })}
            />
            {t('hotspots.filters.overdueOnly')}
          </label>
          <label className="filter checkbox">
            <input
              type="checkbox"
              name="overdue_instructions"
              checked={selection.overdueInstructions}
              onChange={(event) => onChange({ ...selection, overdueInstructions: event.target.checked })}
            />
            {t('hotspots.filters.overdueInstructions')}
          </label>
        </fieldset>
      </details>
      <label className="filter search">
        {t('hotspots.filters.search')}
        <input type="search" name="q" value={text} onChange={(event) => setText(event.target.value)} />
      </label>
    </form>
  );
}
