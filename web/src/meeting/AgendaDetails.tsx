import { useTranslation } from 'react-i18next';
import { useAgencies, useCategories, useConfig, useHotspot } from '../api/hooks';
import type { HotspotFeature } from '../api/types';
import { formatDate, formatDateTime } from '../i18n/i18n';
import { localName } from '../i18n/names';
import { daysPast, type AgendaEntry } from './agenda';

/**
 * Shown while the category and agency names load: their codes are English words ("housing"), and a
 * projector showed them on Kazakh screens until the names arrived. A code stays the fallback only
 * for one the lists do not hold.
 */
const LOADING = '…';

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

/** The secretary's notes on a meeting's agenda item, when there are any. */
function ItemNotes({ notes }: { notes: string }) {
  const { t } = useTranslation();
  if (!notes.trim()) return null;
  return (
    <div className="meeting-notes">
      <h3>{t('meeting.fields.notes')}</h3>
      <p>{notes}</p>
    </div>
  );
}

/** A free topic of a meeting's agenda: nothing on the map, its words large. */
function TopicDetails({ topic, notes }: { topic: string; notes: string }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="meeting-current-line">
        <span className="meeting-topic-tag">{t('meeting.topic')}</span>
      </p>
      <h2 className="meeting-current-title">{topic}</h2>
      <ItemNotes notes={notes} />
    </>
  );
}

/**
 * The current agenda item, large enough to read from the back of the room. A long description
 * wraps (long words too) and the panel scrolls, so nothing is cut off on any screen.
 */
export function AgendaDetails({ entry, today }: { entry: AgendaEntry; today: string }) {
  return entry.kind === 'topic' ? (
    <TopicDetails topic={entry.topic} notes={entry.notes} />
  ) : (
    <HotspotDetails feature={entry.feature} notes={entry.notes} today={today} />
  );
}

function HotspotDetails({ feature, notes, today }: { feature: HotspotFeature; notes: string; today: string }) {
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
        {hotspot.confidential && (
          <span className="meeting-confidential" data-confidential="true">
            {t('meeting.confidential')}
          </span>
        )}
      </p>
      <h2 className="meeting-current-title">{hotspot.title}</h2>
      {/* Category and agency names are long (four lines in half the column): each has the whole row. */}
      <dl className="meeting-facts">
        <div className="meeting-fact-wide">
          <dt>{t('meeting.fields.category')}</dt>
          <dd>
            {category && <span className="meeting-swatch" style={{ background: category.colour }} aria-hidden="true" />}
            {category ? localName(category, language) : categories.isPending ? LOADING : hotspot.category}
          </dd>
        </div>
        <div className="meeting-fact-wide">
          <dt>{t('meeting.fields.agency')}</dt>
          <dd>
            {agency
              ? localName(agency, language)
              : !hotspot.agency
                ? t('meeting.noAgency')
                : agencies.isPending
                  ? LOADING
                  : hotspot.agency}
          </dd>
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
      <ItemNotes notes={notes} />
      <LatestNote id={feature.id} />
    </>
  );
}
