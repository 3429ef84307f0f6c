import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAreas } from '../api/hooks';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { periodRange, type Selection } from '../filters/filters';
import { formatDate } from '../i18n/i18n';
import { localName } from '../i18n/names';

/** The period as dates, so the room sees exactly which months the figures cover. */
function periodText(selection: Selection, today: string, t: TFunction): string {
  const range = periodRange(selection, today);
  if (!range.from && !range.to) return t('meeting.periodAll');
  const from = range.from ? formatDate(range.from) : '…';
  const to = range.to ? formatDate(range.to) : '…';
  return t('meeting.period', { range: `${from} – ${to}` });
}

/** A selection narrowed beyond period and area: the room should know these are not all the city's figures. */
function narrowed(selection: Selection): boolean {
  return (
    selection.status.length + selection.category.length + selection.severity.length + selection.agency.length > 0 ||
    selection.overdue ||
    selection.q !== ''
  );
}

export function MeetingHeader({
  selection,
  today,
  leaveTo,
  fullscreen,
}: {
  selection: Selection;
  today: string;
  leaveTo: string;
  fullscreen: { active: boolean; available: boolean; toggle: () => void };
}) {
  const { t, i18n } = useTranslation();
  const areas = useAreas();
  const area = selection.area ? areas.data?.features.find((feature) => feature.id === selection.area) : undefined;

  return (
    <header className="meeting-header">
      <div className="meeting-heading">
        <h1>{t('common.appTitle')}</h1>
        <p className="meeting-period">
          {periodText(selection, today, t)}
          {area && <span> · {localName(area.properties, i18n.language)}</span>}
          {narrowed(selection) && <span className="meeting-filtered"> · {t('meeting.filtered')}</span>}
        </p>
      </div>
      <div className="meeting-controls">
        <LanguageSwitch />
        {fullscreen.available && (
          <button type="button" aria-pressed={fullscreen.active} onClick={fullscreen.toggle}>
            {t('meeting.fullscreen')}
          </button>
        )}
        <Link className="meeting-leave" to={leaveTo}>
          {t('meeting.leave')}
        </Link>
      </div>
    </header>
  );
}
