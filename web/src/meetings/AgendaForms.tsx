import type { KeyboardEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaItemCreate, agendaItemPatch } from '@oshaq/api/contract/meetings';
import type { HotspotFeature } from '../api/types';
import { useIdempotencyKey } from '../api/idempotency-key';
import { Field, fieldAria } from '../forms/Field';
import { useContractForm } from '../forms/useContractForm';
import { useAddAgendaItem } from './api';
import { HotspotSearch } from './HotspotSearch';
import { useExplain } from './useNames';
import { maxLengthOf } from '../forms/issues';

/**
 * An agenda item's notes, checked by the API's agendaItemPatch (its length, no broken Unicode);
 * the caller saves them and keeps a refusal across the refresh that renews this form.
 */
export function NotesForm(props: {
  id: string;
  label: string;
  initial: string;
  busy: boolean;
  onSubmit: (notes: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { form, errorOf, submitWith } = useContractForm({
    schema: agendaItemPatch,
    toBody: (values: { notes: string }) => ({ notes: values.notes.trim() }),
    defaultValues: { notes: props.initial },
  });
  const submit = submitWith(async (_body, values) => props.onSubmit(values.notes.trim()));
  function cancelOnEscape(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    props.onCancel();
  }
  const { id } = props;
  return (
    <form className="notes-form" onSubmit={(event) => void submit(event)} onKeyDown={cancelOnEscape} noValidate>
      <Field id={id} label={props.label} problem={errorOf('notes')}>
        <textarea
          rows={3}
          maxLength={maxLengthOf(agendaItemPatch.shape.notes)}
          autoFocus
          {...fieldAria(id, errorOf('notes'))}
          {...form.register('notes')}
        />
      </Field>
      <div className="buttons">
        <button type="submit" disabled={props.busy} data-action="save-notes">
          {t('common.save')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Adds a hotspot found by reference or title, or a topic typed in (checked by agendaItemCreate). */
export function AgendaItemForm({ meetingId }: { meetingId: number }) {
  const { t } = useTranslation();
  const add = useAddAgendaItem();
  const once = useIdempotencyKey();
  const explain = useExplain();
  // Why adding a hotspot from the search failed; the topic form keeps its own refusal.
  const [searchFailure, setSearchFailure] = useState<unknown>();
  const { form, errorOf, submitWith, failure, busy } = useContractForm({
    schema: agendaItemCreate,
    toBody: (values: { topic: string }) => ({ topic: values.topic.trim() }),
    defaultValues: { topic: '' },
  });
  const topic = form.watch('topic');
  const addTopic = submitWith(async (body) => {
    setSearchFailure(undefined);
    await add.mutateAsync({ meetingId, item: body, idempotencyKey: once.keyFor('topic') });
    once.renew();
    form.reset();
  });
  const addHotspot = (hotspot: HotspotFeature) => {
    setSearchFailure(undefined);
    add
      .mutateAsync({ meetingId, item: { hotspot_id: hotspot.id }, idempotencyKey: once.keyFor(hotspot.id) })
      .then(once.renew, setSearchFailure);
  };
  const refusal = failure ?? searchFailure;

  return (
    <div className="agenda-add">
      <h3>{t('meetings.agenda.add')}</h3>
      <HotspotSearch onChoose={addHotspot} />
      <form onSubmit={(event) => void addTopic(event)} className="inline-form" noValidate>
        <Field id="agenda-topic" label={t('meetings.agenda.topic')} problem={errorOf('topic')}>
          <input
            maxLength={maxLengthOf(agendaItemCreate.shape.topic)}
            {...fieldAria('agenda-topic', errorOf('topic'))}
            {...form.register('topic')}
          />
        </Field>
        <button type="submit" disabled={busy || add.isPending || !topic.trim()} data-action="add-topic">
          {t('meetings.agenda.addTopic')}
        </button>
      </form>
      {refusal !== undefined && (
        <p role="alert" className="error">
          {explain(refusal)}
        </p>
      )}
    </div>
  );
}
