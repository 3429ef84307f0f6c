import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHotspots } from '../api/hooks';
import type { HotspotFeature } from '../api/types';

/**
 * Finds a hotspot by its reference (2026-018) or words of its title, as the list's search does
 * (Kazakh and Russian, any case), and hands the chosen one back.
 */
export function HotspotSearch({ onChoose }: { onChoose: (hotspot: HotspotFeature) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const query = text.trim();
  const found = useHotspots({ q: query, limit: 8, sort: '-registered_on' }, query.length >= 2);
  const features = query.length >= 2 ? (found.data?.features ?? []) : [];
  return (
    <div className="hotspot-search">
      <label className="field">
        {t('meetings.agenda.search')}
        <input
          type="search"
          name="hotspot-search"
          value={text}
          placeholder={t('meetings.agenda.searchHint')}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      {query.length >= 2 && !found.isPending && features.length === 0 && (
        <p className="hint">{t('meetings.agenda.nothingFound')}</p>
      )}
      <ul className="search-results" aria-label={t('meetings.agenda.results')}>
        {features.map((feature) => (
          <li key={feature.id}>
            <button type="button" onClick={() => onChoose(feature)} data-hotspot={feature.properties.reference}>
              <span className="ref">{feature.properties.reference}</span> {feature.properties.title}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
