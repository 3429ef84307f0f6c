import { useController } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { instructionCreate } from '@oshaq/api/contract/meetings';
import { Field, fieldAria } from '../forms/Field';
import { maxLengthOf, type FormCheck } from '../forms/issues';
import { useContractForm } from '../forms/useContractForm';
import { formatDate } from '../i18n/i18n';
import { useGiveInstruction, type MeetingDetail } from './api';
import { AgencyPicker } from './AgencyPicker';
import { useExplain } from './useNames';
import { useIdempotencyKey } from '../api/idempotency-key';

export type InstructionFields = { text: string; due_on: string; agencies: string[]; agenda_item: string };

/**
 * Checked by the API's instructionCreate, and by the rule its service keeps: a deadline not before
 * the meeting.
 */
function instructionCheck(heldOn: string): FormCheck<InstructionFields, typeof instructionCreate> {
  return {
    schema: instructionCreate,
    toBody: (values) => ({
      text: values.text.trim(),
      due_on: values.due_on,
      agencies: values.agencies,
      agenda_item_id: values.agenda_item ? Number(values.agenda_item) : null,
    }),
    bodyToField: { agenda_item_id: 'agenda_item' },
    messages: {
      text: { required: 'meetings.instructions.textRequired' },
      due_on: 'meetings.instructions.dueInvalid',
      agencies: { required: 'meetings.instructions.agencyRequired' },
    },
    rules: (values) =>
      values.due_on && values.due_on < heldOn
        ? { due_on: { key: 'meetings.instructions.dueBeforeMeeting', params: { date: formatDate(heldOn) } } }
        : {},
  };
}

/**
 * Gives an instruction at the meeting: text, deadline, one or more agencies, and optionally the
 * agenda item (hotspot) it is about — the API then takes the item's hotspot as the instruction's.
 */
export function InstructionForm({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const give = useGiveInstruction();
  const once = useIdempotencyKey();
  const explain = useExplain();
  const { form, errorOf, submitWith, failure, busy } = useContractForm({
    ...instructionCheck(meeting.held_on),
    defaultValues: {
      text: '',
      due_on: '',
      agencies: meeting.agencies.length === 1 ? meeting.agencies : [],
      agenda_item: '',
    },
  });
  const text = useController({ control: form.control, name: 'text' });
  const agencies = useController({ control: form.control, name: 'agencies' });
  const hotspotItems = meeting.agenda.filter((item) => item.hotspot);

  const submit = submitWith(async (body, values) => {
    await give.mutateAsync({ meetingId: meeting.id, body, idempotencyKey: once.keyFor() });
    once.renew();
    // The agencies stay ticked: the next instruction often goes to the same ones.
    form.reset({ ...values, text: '', due_on: '', agenda_item: '' });
  });

  return (
    <form
      className="instruction-form"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="give-heading"
      noValidate
    >
      <h3 id="give-heading">{t('meetings.instructions.give')}</h3>
      <Field id="give-text" label={t('meetings.instructions.text')} problem={errorOf('text')}>
        <textarea
          {...fieldAria('give-text', errorOf('text'))}
          name="instruction-text"
          rows={3}
          maxLength={maxLengthOf(instructionCreate.shape.text)}
          ref={text.field.ref}
          value={text.field.value}
          onChange={text.field.onChange}
          onBlur={text.field.onBlur}
        />
      </Field>
      <div className="row">
        <Field id="give-due_on" label={t('meetings.instructions.due')} problem={errorOf('due_on')}>
          <input
            type="date"
            min={meeting.held_on}
            {...fieldAria('give-due_on', errorOf('due_on'))}
            {...form.register('due_on')}
          />
        </Field>
        <Field id="give-agenda_item" label={t('meetings.instructions.about')} problem={errorOf('agenda_item')}>
          <select {...fieldAria('give-agenda_item', errorOf('agenda_item'))} {...form.register('agenda_item')}>
            <option value="">{t('meetings.instructions.noHotspot')}</option>
            {hotspotItems.map((item) => (
              <option key={item.id} value={item.id}>
                {item.hotspot?.reference} {item.hotspot?.title}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <AgencyPicker
        legend={t('meetings.instructions.agencies')}
        name="instruction-agencies"
        value={agencies.field.value}
        onChange={agencies.field.onChange}
        inputRef={agencies.field.ref}
        problem={errorOf('agencies')}
      />
      <button type="submit" disabled={busy || give.isPending} data-action="give-instruction">
        {t('meetings.instructions.submit')}
      </button>
      {failure !== undefined && (
        <p role="alert" className="error">
          {explain(failure)}
        </p>
      )}
    </form>
  );
}
