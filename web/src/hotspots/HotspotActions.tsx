import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemText } from '../api/problem-text';
import { useComment, useSession, useTransition } from '../api/hooks';
import type { HotspotDetail, Status } from '../api/types';
import { canComment, canEditHotspot, transitionsFor } from '../auth/permissions';

/**
 * The changes this person may make: status moves (a note is required to close), notes, editing.
 * A change based on a version someone else has since changed is refused by the API (412) and shown.
 */
export function HotspotActions({ hotspot, onEdit }: { hotspot: HotspotDetail; onEdit: () => void }) {
  const { t } = useTranslation();
  const user = useSession().data?.user;
  const transition = useTransition();
  const comment = useComment();
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');
  const problemText = useProblemText();
  if (!user) return null;
  const moves = transitionsFor(user, hotspot);
  const commenting = canComment(user, hotspot);
  if (!moves.length && !commenting && !canEditHotspot(user)) return null;

  function explain(error: unknown) {
    setMessage(problemText(error, { staleKey: 'hotspots.panel.conflict' }));
  }
  async function move(to: Status) {
    setMessage('');
    if ((to === 'resolved' || to === 'dismissed') && !note.trim()) {
      setMessage(t('hotspots.panel.noteRequired'));
      return;
    }
    try {
      await transition.mutateAsync({
        id: hotspot.id,
        version: hotspot.properties.version,
        change: { to: to as 'in_progress' | 'resolved' | 'dismissed', note: note.trim() || undefined },
      });
      setNote('');
      setMessage(t('hotspots.panel.done'));
    } catch (error) {
      explain(error);
    }
  }
  async function addNote() {
    setMessage('');
    if (!note.trim()) return;
    try {
      await comment.mutateAsync({ id: hotspot.id, note: note.trim() });
      setNote('');
      setMessage(t('hotspots.panel.done'));
    } catch (error) {
      explain(error);
    }
  }
  const closed = hotspot.properties.status === 'resolved' || hotspot.properties.status === 'dismissed';
  const busy = transition.isPending || comment.isPending;

  return (
    <section className="actions" aria-label={t('hotspots.panel.actions')}>
      {(moves.length > 0 || commenting) && (
        <label className="field">
          {t('hotspots.panel.note')}
          <textarea name="note" rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
        </label>
      )}
      <div className="buttons">
        {moves.map((to) => (
          <button key={to} type="button" disabled={busy} onClick={() => void move(to)} data-action={to}>
            {closed && to === 'in_progress' ? t('hotspots.panel.reopen') : t(`hotspots.panel.to.${to}`)}
          </button>
        ))}
        {commenting && (
          <button type="button" disabled={busy || !note.trim()} onClick={() => void addNote()}>
            {t('hotspots.panel.comment')}
          </button>
        )}
        {canEditHotspot(user) && (
          <button type="button" onClick={onEdit} data-action="edit">
            {t('hotspots.panel.edit')}
          </button>
        )}
      </div>
      {message && (
        <p role="status" className="message" data-testid="action-message">
          {message}
        </p>
      )}
    </section>
  );
}
