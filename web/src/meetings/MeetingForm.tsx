import { useController } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { meetingCreate } from '@oshaq/api/contract/meetings';
import { Field, fieldAria } from '../forms/Field';
import { maxLengthOf, type FormCheck } from '../forms/issues';
import { useContractForm } from '../forms/useContractForm';
import { MEETING_KINDS, type MeetingKind } from './api';
import { AgencyPicker } from './AgencyPicker';
import { KIND_LABELS } from './labels';
import { useExplain } from './useNames';

export type MeetingFields = {
  held_on: string;
  kind: MeetingKind;
  title: string;
  chair: string;
  agencies: string[];
  minutes: string;
};

/** The facts as the API takes them: title and chair trimmed. */
function meetingBody(fields: MeetingFields): MeetingFields {
  return { ...fields, title: fields.title.trim(), chair: fields.chair.trim() };
}

/** Checked by the API's meetingCreate (an edit sends the same facts, which meetingPatch checks alike). */
const meetingCheck: FormCheck<MeetingFields> = { schema: meetingCreate, toBody: meetingBody };

/**
 * The facts of a meeting, for a new one and for editing one; the caller sends them and throws the
 * API's refusal, which the form words, beside the fields it names.
 */
export function MeetingForm({
  initial,
  message,
  onSubmit,
  onCancel,
}: {
  initial: MeetingFields;
  /** Why the last save failed, kept by the caller across a refresh that renews the form (a stale edit). */
  message?: string;
  onSubmit: (fields: MeetingFields) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const explain = useExplain();
  const { form, errorOf, submitWith, failure, busy } = useContractForm({ ...meetingCheck, defaultValues: initial });
  const { register } = form;
  const agencies = useController({ control: form.control, name: 'agencies' });
  const submit = submitWith((_body, values) => onSubmit(meetingBody(values)));
  const aria = (name: keyof MeetingFields) => fieldAria(`meeting-${name}`, errorOf(name));

  return (
    <form
      className="meeting-form"
      onSubmit={(event) => void submit(event)}
      aria-label={t('meetings.form.label')}
      noValidate
    >
      <div className="row">
        <Field id="meeting-held_on" label={t('meetings.fields.held_on')} problem={errorOf('held_on')}>
          <input type="date" {...aria('held_on')} {...register('held_on')} />
        </Field>
        <Field id="meeting-kind" label={t('meetings.fields.kind')} problem={errorOf('kind')}>
          <select {...aria('kind')} {...register('kind')}>
            {MEETING_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(KIND_LABELS[kind])}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id="meeting-title" label={t('meetings.fields.title')} problem={errorOf('title')}>
        <input maxLength={maxLengthOf(meetingCreate.shape.title)} {...aria('title')} {...register('title')} />
      </Field>
      <Field id="meeting-chair" label={t('meetings.fields.chair')} problem={errorOf('chair')}>
        <input maxLength={maxLengthOf(meetingCreate.shape.chair)} {...aria('chair')} {...register('chair')} />
      </Field>
      <AgencyPicker
        legend={t('meetings.fields.agencies')}
        name="agencies"
        value={agencies.field.value}
        onChange={agencies.field.onChange}
        inputRef={agencies.field.ref}
        problem={errorOf('agencies')}
      />
      <Field id="meeting-minutes" label={t('meetings.fields.minutes')} problem={errorOf('minutes')}>
        <textarea rows={6} {...aria('minutes')} {...register('minutes')} />
      </Field>
      <div className="buttons">
        <button type="submit" disabled={busy} data-action="save-meeting">
          {t('common.save')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
      {(failure !== undefined || message) && (
        <p role="alert" className="error">
          {failure !== undefined ? explain(failure) : message}
        </p>
      )}
    </form>
  );
}
