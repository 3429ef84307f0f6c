import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UseQueryResult } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { useAgencies, useAreas, useCategories, useConfig } from '../api/hooks';
import { useProblemText } from '../api/problem-text';
import type { HotspotDetail } from '../api/types';
import { formatDate, formatDateTime } from '../i18n/i18n';
import { localName } from '../i18n/names';
import { HotspotMeetings } from '../meetings/HotspotMeetings';
import { EventChanges } from './EventChanges';
import { HotspotActions } from './HotspotActions';
import type { Deleted } from './DeleteHotspot';
import { DeletedNotice } from './DeletedNotice';

/** One hotspot: what, where, who is responsible, until when, and its history as a timeline. */
export function HotspotPanel({
  detail,
  onClose,
  onEdit,
}: {
  detail: UseQueryResult<HotspotDetail>;
  onClose: () => void;
  onEdit: () => void;
}) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const agencies = useAgencies();
  const areas = useAreas();
  const timeZone = useConfig().data?.time_zone ?? 'Asia/Almaty';
  const problemText = useProblemText();
  const language = i18n.language;
  // The hotspot just deleted here: its place in the panel offers the undo until the panel closes.
  const [deleted, setDeleted] = useState<Deleted>();
  if (deleted && (detail.isError || detail.isPending || detail.data.id === deleted.id))
    return <DeletedNotice deleted={deleted} onRestored={() => setDeleted(undefined)} onClose={onClose} />;
  if (detail.isPending) return <p className="loading">{t('common.loading')}</p>;
  if (detail.isError)
    return (
      <section className="hotspot-panel">
        <p role="alert">
          {/* A mistyped ?h= in a shared link is not a hotspot id: to the reader it is simply not found. */}
          {detail.error instanceof ApiError && detail.error.status === 400
            ? t('common.errors.notFound')
            : problemText(detail.error)}
        </p>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </section>
    );
  const hotspot = detail.data;
  const p = hotspot.properties;
  const area = areas.data?.features.find((a) => a.properties.id === p.area_id);
  const rows: [string, string][] = [
    [
      t('hotspots.fields.category'),
      localName(
        categories.data?.find((c) => c.code === p.category),
        language,
      ) || p.category,
    ],
    [t('hotspots.fields.severity'), t(`common.severity.${p.severity}`)],
    [t('hotspots.fields.status'), t(`common.status.${p.status}`)],
    [
      t('hotspots.fields.agency'),
      p.agency
        ? localName(
            agencies.data?.find((a) => a.code === p.agency),
            language,
          ) || p.agency
        : t('common.none'),
    ],
    [t('hotspots.fields.area'), area ? localName(area.properties, language) : t('hotspots.panel.noArea')],
    [t('hotspots.fields.registered_on'), formatDate(p.registered_on)],
    [t('hotspots.fields.due_on'), formatDate(p.due_on) + (p.overdue ? ` (${t('hotspots.list.overdue')})` : '')],
  ];
  if (p.resolved_on) rows.push([t('hotspots.fields.resolved_on'), formatDate(p.resolved_on)]);
  if (p.resolution_note) rows.push([t('hotspots.fields.resolution_note'), p.resolution_note]);
  if (p.source) rows.push([t('hotspots.fields.source'), p.source]);

  return (
    <section
      className="hotspot-panel"
      aria-labelledby="hotspot-title"
      data-testid="hotspot-panel"
      data-status={p.status}
    >
      <div className="panel-head">
        <h2 id="hotspot-title">
          <span className="ref">{p.reference}</span> {p.title}
        </h2>
        <button type="button" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </div>
      {p.confidential && <p className="confidential">{t('hotspots.panel.confidentialNote')}</p>}
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {p.description && <p className="description">{p.description}</p>}
      {p.duplicate_of && (
        <p className="hint" data-testid="duplicate-of">
          {t('hotspotNearby.duplicateOf')}{' '}
          <Link to={`/?period=all&h=${p.duplicate_of}`}>{t('hotspotNearby.openOriginal')}</Link>
        </p>
      )}
      <HotspotActions hotspot={hotspot} onEdit={onEdit} onDeleted={setDeleted} />
      <HotspotMeetings hotspotId={hotspot.id} />
      <h3>{t('hotspots.panel.history')}</h3>
      <ol className="timeline" data-testid="timeline">
        {hotspot.history.map((event) => (
          <li key={event.id}>
            <time dateTime={event.at}>{formatDateTime(event.at, timeZone)}</time> <strong>{event.actor}</strong>{' '}
            {t(`hotspots.panel.events.${event.kind}`)}
            {event.to_status && `: ${t(`common.status.${event.to_status}`)}`}
            {event.kind === 'edited' && event.changes && <EventChanges changes={event.changes} />}
            {event.note && <blockquote>{event.note}</blockquote>}
          </li>
        ))}
      </ol>
    </section>
  );
}
