import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { commentRequest, transitionRequest } from '@oshaq/api/contract/hotspots';
import { useProblemText } from '../api/problem-text';
import { FieldProblem, fieldAria } from '../forms/Field';
import { useContractForm } from '../forms/useContractForm';
import { useComment, useSession, useTransition } from '../api/hooks';
import { useIdempotencyKey } from '../api/idempotency-key';
import type { HotspotDetail, Status } from '../api/types';
import { canComment, canEditHotspot, transitionsFor } from '../auth/permissions';
import { DeleteHotspot, type Deleted } from './DeleteHotspot';

/**
 * The changes this person may make: status moves (a note is required to close), notes, editing.
 * A change based on a version someone else has since changed is refused by the API (412) and shown.
 */
export function HotspotActions({
  hotspot,
  onEdit,
  onDeleted,
}: {
  hotspot: HotspotDetail;
  onEdit: () => void;
  /** Where a deletion goes on (the panel's undo); without it, no Delete is offered. */
  onDeleted?: (deleted: Deleted) => void;
}) {
  const { t } = useTranslation();
  const user = useSession().data?.user;
  const transition = useTransition();
  const comment = useComment();
  // The comment form's Idempotency-Key: a Save again after a lost answer adds no second comment.
  const once = useIdempotencyKey();
  const problemText = useProblemText();
  const [done, setDone] = useState(false);
  // Which button was pressed decides the request, and so the schema the note is checked by.
  const action = useRef<Status | 'comment'>('comment');
  const closing = () => action.current === 'resolved' || action.current === 'dismissed';
  const { form, errorOf, submitWith, failure, busy } = useContractForm({
    get schema() {
      return action.current === 'comment' ? commentRequest : transitionRequest;
    },
    toBody: (values: { note: string }) =>
      action.current === 'comment'
        ? { note: values.note.trim() }
        : { to: action.current, note: values.note.trim() || undefined },
    // The API asks for a note to close (its transition rules); the words are the panel's own.
    rules: (values) => (closing() && !values.note.trim() ? { note: 'hotspots.panel.noteRequired' } : {}),
    messages: { note: { required: 'hotspots.panel.noteRequired' } },
    defaultValues: { note: '' },
  });
  const note = form.watch('note');
  if (!user) return null;
  const moves = transitionsFor(user, hotspot);
  const commenting = canComment(user, hotspot);
  if (!moves.length && !commenting && !canEditHotspot(user)) return null;

  const run = (next: Status | 'comment') => {
    action.current = next;
    setDone(false);
    void submitWith(async (body) => {
      if ('to' in body)
        await transition.mutateAsync({ id: hotspot.id, version: hotspot.properties.version, change: body });
      else {
        await comment.mutateAsync({ id: hotspot.id, note: body.note, idempotencyKey: once.keyFor() });
        once.renew();
      }
      form.reset();
      setDone(true);
    })();
  };
  const message =
    failure !== undefined
      ? problemText(failure, { staleKey: 'hotspots.panel.conflict' })
      : done
        ? t('hotspots.panel.done')
        : '';
  const closed = hotspot.properties.status === 'resolved' || hotspot.properties.status === 'dismissed';

  return (
    <section className="actions" aria-label={t('hotspots.panel.actions')}>
      {(moves.length > 0 || commenting) && (
        <>
          <label className="field">
            {t('hotspots.panel.note')}
            <textarea rows={2} {...fieldAria('hotspot-note', errorOf('note'))} {...form.register('note')} />
          </label>
          <FieldProblem id="hotspot-note" problem={errorOf('note')} />
        </>
      )}
      <div className="buttons">
        {moves.map((to) => (
          <button key={to} type="button" disabled={busy} onClick={() => run(to)} data-action={to}>
            {closed && to === 'in_progress' ? t('hotspots.panel.reopen') : t(`hotspots.panel.to.${to}`)}
          </button>
        ))}
        {commenting && (
          <button type="button" disabled={busy || !note.trim()} onClick={() => run('comment')}>
            {t('hotspots.panel.comment')}
          </button>
        )}
        {canEditHotspot(user) && (
          <button type="button" onClick={onEdit} data-action="edit">
            {t('hotspots.panel.edit')}
          </button>
        )}
      </div>
      {/* Those who may edit may delete (the API's rule: prosecutor's staff and administrators). */}
      {onDeleted && canEditHotspot(user) && <DeleteHotspot hotspot={hotspot} onDeleted={onDeleted} />}
      {message && (
        <p role="status" className="message" data-testid="action-message">
          {message}
        </p>
      )}
    </section>
  );
}
