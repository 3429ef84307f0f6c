import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useEditAgendaItem, useMoveAgendaItem, useRemoveAgendaItem, type MeetingDetail } from './api';
import { AgendaItemForm, NotesForm } from './AgendaForms';
import { useExplain } from './useNames';

type Item = MeetingDetail['agenda'][number];
const itemName = (item: Item) => item.hotspot?.reference ?? item.topic ?? '';

/** The agenda: hotspots (linked to the map) and free-text topics; editors add, move, annotate and remove items. */
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
        {meeting.agenda.length > 0 && (
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
                  <span className="ref">{item.hotspot.reference}</span>{' '}
                  {item.hotspot.confidential && (
                    <>
                      <span className="confidential-mark" data-confidential="true">
                        {t('meeting.confidential')}
                      </span>{' '}
                    </>
                  )}
                  {item.hotspot.title}
                </Link>
              ) : (
                <span>{item.topic}</span>
              )}
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
              {editable ? (
                <AgendaNotes meetingId={meeting.id} item={item} />
              ) : (
                item.notes && <p className="notes">{item.notes}</p>
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

/**
 * An item's notes, which editors correct in place on the version shown. A stale edit (412) keeps the
 * form open: the refresh remounts it (keyed by version) with the newer notes, and says why.
 */
function AgendaNotes({ meetingId, item }: { meetingId: number; item: Item }) {
  const { t } = useTranslation();
  const edit = useEditAgendaItem();
  const explain = useExplain();
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState('');
  const button = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  // Closing the form puts the keyboard back on the button that opened it.
  useEffect(() => {
    if (wasEditing.current && !editing) button.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  function close() {
    setMessage('');
    setEditing(false);
  }
  async function save(notes: string) {
    setMessage('');
    if (notes === item.notes) {
      setEditing(false);
      return;
    }
    try {
      await edit.mutateAsync({ meetingId, item, patch: { notes } });
      setEditing(false);
    } catch (error) {
      setMessage(explain(error));
    }
  }

  return (
    <div className="agenda-notes">
      {editing ? (
        <NotesForm
          key={item.version}
          id={`agenda-notes-${item.id}`}
          label={t('meetings.agenda.notes', { item: itemName(item) })}
          initial={item.notes}
          busy={edit.isPending}
          onSubmit={(notes) => void save(notes)}
          onCancel={close}
        />
      ) : (
        <>
          {item.notes && <p className="notes">{item.notes}</p>}
          <button
            type="button"
            ref={button}
            className="link-button edit-button"
            onClick={() => setEditing(true)}
            aria-label={t('meetings.agenda.editNotes', { item: itemName(item) })}
            data-action="edit-notes"
          >
            {t('meetings.agenda.notesButton')}
          </button>
        </>
      )}
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
    </div>
  );
}
