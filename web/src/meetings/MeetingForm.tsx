import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MEETING_KINDS, type MeetingKind } from './api';
import { AgencyPicker } from './AgencyPicker';
import { KIND_LABELS } from './labels';

export interface MeetingFields {
  held_on: string;
  kind: MeetingKind;
  title: string;
  chair: string;
  agencies: string[];
  minutes: string;
}

/** The facts of a meeting, for a new one and for editing one; the caller sends them. */
export function MeetingForm({
  initial,
  busy,
  message,
  onSubmit,
  onCancel,
}: {
  initial: MeetingFields;
  busy: boolean;
  message?: string;
  onSubmit: (fields: MeetingFields) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [fields, setFields] = useState(initial);
  const set = <K extends keyof MeetingFields>(key: K, value: MeetingFields[K]) =>
    setFields((current) => ({ ...current, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit({ ...fields, title: fields.title.trim(), chair: fields.chair.trim() });
  }

  return (
    <form className="meeting-form" onSubmit={submit} aria-label={t('meetings.form.label')}>
      <div className="row">
        <label className="field">
          {t('meetings.fields.held_on')}
          <input
            type="date"
            name="held_on"
            required
            value={fields.held_on}
            onChange={(event) => set('held_on', event.target.value)}
          />
        </label>
        <label className="field">
          {t('meetings.fields.kind')}
          <select name="kind" value={fields.kind} onChange={(event) => set('kind', event.target.value as MeetingKind)}>
            {MEETING_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(KIND_LABELS[kind])}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        {t('meetings.fields.title')}
        <input
          name="title"
          required
          maxLength={300}
          value={fields.title}
          onChange={(event) => set('title', event.target.value)}
        />
      </label>
      <label className="field">
        {t('meetings.fields.chair')}
        <input
          name="chair"
          maxLength={200}
          value={fields.chair}
          onChange={(event) => set('chair', event.target.value)}
        />
      </label>
      <AgencyPicker
        legend={t('meetings.fields.agencies')}
        name="agencies"
        value={fields.agencies}
        onChange={(codes) => set('agencies', codes)}
      />
      <label className="field">
        {t('meetings.fields.minutes')}
        <textarea
          name="minutes"
          rows={6}
          value={fields.minutes}
          onChange={(event) => set('minutes', event.target.value)}
        />
      </label>
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
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
    </form>
  );
}
