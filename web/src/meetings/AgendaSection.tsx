import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HotspotFeature } from '../api/types';
import { useAddAgendaItem, useMoveAgendaItem, useRemoveAgendaItem, type MeetingDetail } from './api';
import { HotspotSearch } from './HotspotSearch';
import { useExplain } from './useNames';

type Item = MeetingDetail['agenda'][number];
const itemName = (item: Item) => item.hotspot?.reference ?? item.topic ?? '';

/** The agenda: hotspots (linked to the map) and free-text topics; editors add and remove items. */
export function AgendaSection({ meeting, editable }: { meeting: MeetingDetail; editable: boolean }) {
  const { t } = useTranslation();
  const remove = useRemoveAgendaItem();
  const move = useMoveAgendaItem();
  const busy = remove.isPending || move.isPending;
  const explain = useExplain();
  const [message, setMessage] = useState('');

  async function change(run: () => Promise<unknown>) {
    setMessage('');
    try {
      await run();
    } catch (error) {
      setMessage(explain(error));
    }
  }
  const removeItem = (item: Item) => change(() => remove.mutateAsync({ meetingId: meeting.id, item }));
  const moveItem = (item: Item, position: number) =>
    change(() => move.mutateAsync({ meetingId: meeting.id, item, position }));
  const last = meeting.agenda.length;

  return (
    <section className="meeting-section" aria-labelledby="agenda-heading">
      <div className="section-head">
        <h2 id="agenda-heading">{t('meetings.agenda.title')}</h2>
        {meeting.agenda.some((item) => item.hotspot) && (
          <Link to={`/meeting?meeting=${meeting.id}`} data-action="open-meeting-mode">
            {t('meetings.agenda.present')}
          </Link>
        )}
      </div>
      {meeting.agenda.length === 0 ? (
        <p className="hint">{t('meetings.agenda.empty')}</p>
      ) : (
        <ol className="agenda-items" data-testid="agenda-items">
          {meeting.agenda.map((item) => (
            <li key={item.id} data-item={item.id}>
              {item.hotspot ? (
                <Link to={`/?period=all&h=${item.hotspot.id}`}>
                  <span className="ref">{item.hotspot.reference}</span> {item.hotspot.title}
                </Link>
              ) : (
                <span>{item.topic}</span>
              )}
              {item.notes && <p className="notes">{item.notes}</p>}
              {editable && (
                <span className="item-buttons">
                  <button
                    type="button"
                    className="link-button move"
                    disabled={busy || item.position <= 1}
                    onClick={() => void moveItem(item, item.position - 1)}
                    aria-label={t('meetings.agenda.up', { item: itemName(item) })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="link-button move"
                    disabled={busy || item.position >= last}
                    onClick={() => void moveItem(item, item.position + 1)}
                    aria-label={t('meetings.agenda.down', { item: itemName(item) })}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    disabled={busy}
                    onClick={() => void removeItem(item)}
                    aria-label={t('meetings.agenda.remove', { item: itemName(item) })}
                  >
                    ×
                  </button>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
      {editable && <AgendaItemForm meetingId={meeting.id} />}
    </section>
  );
}

/** Adds a hotspot found by reference or title, or a topic typed in. */
function AgendaItemForm({ meetingId }: { meetingId: number }) {
  const { t } = useTranslation();
  const add = useAddAgendaItem();
  const explain = useExplain();
  const [topic, setTopic] = useState('');
  const [message, setMessage] = useState('');

  async function addItem(item: { hotspot_id: string } | { topic: string }) {
    setMessage('');
    try {
      await add.mutateAsync({ meetingId, item });
      return true;
    } catch (error) {
      setMessage(explain(error));
      return false;
    }
  }
  async function addTopic(event: FormEvent) {
    event.preventDefault();
    if (!topic.trim()) return;
    if (await addItem({ topic: topic.trim() })) setTopic('');
  }
  const addHotspot = (hotspot: HotspotFeature) => void addItem({ hotspot_id: hotspot.id });

  return (
    <div className="agenda-add">
      <h3>{t('meetings.agenda.add')}</h3>
      <HotspotSearch onChoose={addHotspot} />
      <form onSubmit={(event) => void addTopic(event)} className="inline-form">
        <label className="field">
          {t('meetings.agenda.topic')}
          <input name="topic" maxLength={500} value={topic} onChange={(event) => setTopic(event.target.value)} />
        </label>
        <button type="submit" disabled={add.isPending || !topic.trim()} data-action="add-topic">
          {t('meetings.agenda.addTopic')}
        </button>
      </form>
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
    </div>
  );
}
