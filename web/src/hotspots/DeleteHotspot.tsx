import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DELETION_REASONS, hotspotDeletion, type DeletionReason } from '@oshaq/api/contract/hotspot-deletion';
import { useProblemText } from '../api/problem-text';
import type { HotspotDetail } from '../api/types';
import { FieldProblem, fieldAria } from '../forms/Field';
import { useContractForm } from '../forms/useContractForm';
import { useDeleteHotspot } from './useDeletion';
import './hotspot-checks.css';

/** Literal keys, so the i18n completeness test checks each reason's words. */
export const REASON_KEYS: Record<DeletionReason, string> = {
  registered_in_error: 'hotspotDeletion.reasons.registered_in_error',
  duplicate: 'hotspotDeletion.reasons.duplicate',
  other: 'hotspotDeletion.reasons.other',
};

export interface Deleted {
  id: string;
  reference: string;
  /** The deleted version: the undo names it, so an undo never restores over a later change. */
  version: number;
}

interface Values {
  reason: DeletionReason | '';
  note: string;
}

/**
 * Deleting a hotspot registered in error (or twice): a dialog asks why — the API keeps the reason
 * with the record and in the audit trail — and the panel then offers to undo it.
 */
export function DeleteHotspot({ hotspot, onDeleted }: { hotspot: HotspotDetail; onDeleted: (d: Deleted) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const remove = useDeleteHotspot();
  const problemText = useProblemText();
  const first = useRef<HTMLInputElement | null>(null);
  const { form, errorOf, submitWith, failure, busy } = useContractForm({
    schema: hotspotDeletion,
    toBody: (values: Values) => ({ reason: values.reason || undefined, note: values.note.trim() || undefined }),
    messages: {
      reason: 'hotspotDeletion.reasonRequired',
      note: { required: 'hotspotDeletion.noteRequired', tooLong: 'common.form.tooLong' },
    },
    defaultValues: { reason: '', note: '' },
  });
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);

  if (!open) {
    return (
      <button type="button" className="danger" onClick={() => setOpen(true)} data-action="delete">
        {t('hotspotDeletion.delete')}
      </button>
    );
  }
  const close = () => {
    form.reset();
    setOpen(false);
  };
  const submit = submitWith(async (body) => {
    const deleted = await remove.mutateAsync({ id: hotspot.id, version: hotspot.properties.version, body });
    close();
    onDeleted({ id: hotspot.id, reference: hotspot.properties.reference, version: deleted.version });
  });
  const { ref: reasonRef, ...reasonField } = form.register('reason');
  return (
    <form
      role="dialog"
      aria-labelledby="delete-hotspot-title"
      className="delete-hotspot"
      data-testid="delete-dialog"
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <h3 id="delete-hotspot-title">{t('hotspotDeletion.title', { reference: hotspot.properties.reference })}</h3>
      <fieldset {...fieldAria('delete-reason', errorOf('reason'))}>
        <legend>{t('hotspotDeletion.reason')}</legend>
        {DELETION_REASONS.map((reason, index) => (
          <label key={reason} className="choice">
            <input
              type="radio"
              value={reason}
              {...reasonField}
              ref={(element) => {
                reasonRef(element);
                if (index === 0) first.current = element;
              }}
            />
            {t(REASON_KEYS[reason])}
          </label>
        ))}
      </fieldset>
      <FieldProblem id="delete-reason" problem={errorOf('reason')} />
      <label className="field">
        {t('hotspotDeletion.note')}
        <textarea rows={2} {...fieldAria('delete-note', errorOf('note'))} {...form.register('note')} />
      </label>
      <FieldProblem id="delete-note" problem={errorOf('note')} />
      <p className="hint">{t('hotspotDeletion.undoHint')}</p>
      <div className="buttons">
        <button type="submit" className="danger" disabled={busy} data-action="confirm-delete">
          {t('hotspotDeletion.confirm')}
        </button>
        <button type="button" onClick={close}>
          {t('common.cancel')}
        </button>
      </div>
      {failure !== undefined && (
        <p role="alert" className="message">
          {problemText(failure, { staleKey: 'hotspots.panel.conflict', withoutFields: ['reason', 'note'] })}
        </p>
      )}
    </form>
  );
}
