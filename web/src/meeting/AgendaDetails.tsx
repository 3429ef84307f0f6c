import { useTranslation } from 'react-i18next';
import { useAgencies, useCategories, useConfig, useHotspot } from '../api/hooks';
import type { HotspotFeature } from '../api/types';
import { formatDate, formatDateTime } from '../i18n/i18n';
import { localName } from '../i18n/names';
import { daysPast } from './agenda';

/** The latest note someone wrote (a progress report, a comment): what the meeting asks the agency about. */
function LatestNote({ id }: { id: string }) {
  const { t } = useTranslation();
  const detail = useHotspot(id);
  const config = useConfig();
  const latest = detail.data?.history.findLast((event) => Boolean(event.note?.trim()));
  if (!latest?.note) return null;
  return (
    <div className="meeting-latest">
      <h3>{t('meeting.fields.latest')}</h3>
      <p>
        <span className="meeting-latest-when">
          {config.data ? formatDateTime(latest.at, config.data.time_zone) : formatDate(latest.at)}
        </span>{' '}
        {latest.note}
      </p>
    </div>
  );
}

/** The current agenda item, large enough to read from the back of the room. */
export function AgendaDetails({ feature, today }: { feature: HotspotFeature; today: string }) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const agencies = useAgencies();
  const hotspot = feature.properties;
  const category = categories.data?.find((item) => item.code === hotspot.category);
  const agency = agencies.data?.find((item) => item.code === hotspot.agency);
  const language = i18n.language;
  const late = hotspot.overdue && hotspot.due_on ? daysPast(hotspot.due_on, today) : 0;

  return (
    <>
      <p className="meeting-current-line">
        <span className="meeting-reference" title={t('meeting.fields.reference')}>
          {hotspot.reference}
        </span>
        <span className={`meeting-severity severity-${hotspot.severity}`}>
          <span className="visually-hidden">{t('meeting.fields.severity')}: </span>
          {t(`common.severity.${hotspot.severity}`)}
        </span>
        <span className="meeting-status">
          <span className="visually-hidden">{t('meeting.fields.status')}: </span>
          {t(`common.status.${hotspot.status}`)}
        </span>
        {hotspot.overdue && <strong className="meeting-overdue">{t('meeting.overdue')}</strong>}
      </p>
      <h2 className="meeting-current-title">{hotspot.title}</h2>
      <dl className="meeting-facts">
        <div>
          <dt>{t('meeting.fields.category')}</dt>
          <dd>
            {category && <span className="meeting-swatch" style={{ background: category.colour }} aria-hidden="true" />}
            {category ? localName(category, language) : hotspot.category}
          </dd>
        </div>
        <div>
          <dt>{t('meeting.fields.agency')}</dt>
          <dd>{agency ? localName(agency, language) : (hotspot.agency ?? t('meeting.noAgency'))}</dd>
        </div>
        <div>
          <dt>{t('meeting.fields.registered_on')}</dt>
          <dd>{formatDate(hotspot.registered_on)}</dd>
        </div>
        <div>
          <dt>{t('meeting.fields.due_on')}</dt>
          <dd className={hotspot.overdue ? 'meeting-late' : undefined}>
            {hotspot.due_on ? formatDate(hotspot.due_on) : t('meeting.noDue')}
            {late > 0 && <strong> ({t('meeting.overdueDays', { count: late })})</strong>}
          </dd>
        </div>
      </dl>
      <div className="meeting-description">
        <h3 className="visually-hidden">{t('meeting.fields.description')}</h3>
        <p>{hotspot.description.trim() || t('meeting.noDescription')}</p>
      </div>
      <LatestNote id={feature.id} />
    </>
  );
}
