import { useTranslation } from 'react-i18next';
import { useAgencies, useCategories } from '../api/hooks';
import type { HotspotDetail } from '../api/types';
import { formatDate } from '../i18n/i18n';
import { localName } from '../i18n/names';

type Changes = NonNullable<HotspotDetail['history'][number]['changes']>;

// Long or spatial values are named, not quoted: the timeline says *that* they changed.
// duplicate_of is an id: the timeline says the issue moved, the panel links to the original.
const NAMED_ONLY = new Set(['description', 'geometry', 'source', 'duplicate_of']);

/** What an edit changed, field by field, in the interface's words: "Мерзімі: 1 наурыз → 15 наурыз". */
export function EventChanges({ changes }: { changes: Changes }) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const agencies = useAgencies();
  const language = i18n.language;

  function show(field: string, value: unknown): string {
    if (value === null || value === undefined || value === '') return '—';
    if (field === 'registered_on' || field === 'due_on') return formatDate(String(value));
    if (field === 'severity') return t(`common.severity.${String(value)}`);
    if (field === 'confidential') return value ? t('hotspots.panel.yes') : t('hotspots.panel.no');
    if (field === 'category')
      return (
        localName(
          categories.data?.find((c) => c.code === value),
          language,
        ) || String(value)
      );
    if (field === 'agency')
      return (
        localName(
          agencies.data?.find((a) => a.code === value),
          language,
        ) || String(value)
      );
    return String(value);
  }

  const fields = Object.keys(changes);
  if (fields.length === 0) return null;
  return (
    <ul className="event-changes" data-testid="event-changes">
      {fields.map((field) => {
        const label = t(`hotspots.fields.${field}`, { defaultValue: field });
        const change = changes[field]!;
        return (
          <li key={field} data-field={field}>
            {NAMED_ONLY.has(field) ? (
              label
            ) : (
              <>
                {label}: {show(field, change.from)} → {show(field, change.to)}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
