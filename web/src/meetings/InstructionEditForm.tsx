import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { instructionPatch } from '@oshaq/api/contract/meetings';
import { FieldProblem, fieldAria } from '../forms/Field';
import { maxLengthOf, problemKeys, type FormCheck } from '../forms/issues';
import { useContractForm } from '../forms/useContractForm';
import { formatDate } from '../i18n/i18n';
import type { Instruction, InstructionPatch } from './api';

export type InstructionEdit = {
  text: string;
  due_on: string;
};
export type EditProblem = 'textRequired' | 'dueInvalid' | 'dueBeforeMeeting' | 'duePast';
type Original = Pick<Instruction, 'text' | 'due_on' | 'given_on'>;

/**
 * An edit checked by the API's instructionPatch (text not empty once trimmed, a real calendar day),
 * and by the rules its service keeps: a deadline not before the meeting, and not *moved* into the
 * past (an unchanged one that has passed stays, so an overdue instruction's wording can be corrected).
 */
function editCheck(original: Original, today: string): FormCheck<InstructionEdit, typeof instructionPatch> {
  return {
    schema: instructionPatch,
    // Nothing changed is no patch at all: the fields as they stand are checked instead.
    toBody: (values) => {
      const patch = toInstructionPatch(values, original);
      return Object.keys(patch).length ? patch : { text: values.text.trim(), due_on: values.due_on };
    },
    messages: { text: 'meetings.instructions.textRequired', due_on: 'meetings.instructions.dueInvalid' },
    rules: (values) =>
      !values.due_on
        ? {}
        : values.due_on < original.given_on
          ? {
              due_on: {
                key: 'meetings.instructions.dueBeforeMeeting',
                params: { date: formatDate(original.given_on) },
              },
            }
          : values.due_on < today && values.due_on !== original.due_on
            ? { due_on: { key: 'meetings.instructions.duePast', params: { date: formatDate(today) } } }
            : {},
  };
}

/** What is wrong with an edit, by name. */
export function editProblems(
  values: InstructionEdit,
  original: Original,
  today: string,
): Partial<Record<keyof InstructionEdit, EditProblem>> {
  const keys = problemKeys(editCheck(original, today), values);
  return Object.fromEntries(Object.entries(keys).map(([field, key]) => [field, key.split('.').pop()]));
}

/** Only what changed, as the API takes it; empty when nothing did. */
export function toInstructionPatch(values: InstructionEdit, original: Original): InstructionPatch {
  const patch: InstructionPatch = {};
  const text = values.text.trim();
  if (text !== original.text) patch.text = text;
  if (values.due_on !== original.due_on) patch.due_on = values.due_on;
  return patch;
}

interface Props {
  instruction: Instruction;
  today: string;
  busy: boolean;
  /** Why the last save failed (a stale edit, the API's words); the caller keeps it across a refresh. */
  message?: string;
  onSubmit: (patch: InstructionPatch) => void;
  onCancel: () => void;
}

/** Corrects an instruction's text and deadline; problems show as the person types. Escape cancels. */
export function InstructionEditForm({ instruction, today, busy, message, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const { form, errorOf, submitWith } = useContractForm({
    ...editCheck(instruction, today),
    defaultValues: { text: instruction.text, due_on: instruction.due_on },
    mode: 'onChange',
  });
  const idOf = (name: keyof InstructionEdit) => `instruction-${instruction.id}-${name}`;

  const submit = submitWith(async (_body, values) => {
    const patch = toInstructionPatch(values, instruction);
    if (Object.keys(patch).length) onSubmit(patch);
    else onCancel();
  });
  function cancelOnEscape(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  }

  return (
    <form
      className="instruction-edit"
      onSubmit={(event) => void submit(event)}
      onKeyDown={cancelOnEscape}
      aria-label={t('meetings.instructions.editForm')}
      noValidate
    >
      <label className="field">
        {t('meetings.instructions.text')}
        <textarea
          rows={3}
          maxLength={maxLengthOf(instructionPatch.shape.text)}
          autoFocus
          {...fieldAria(idOf('text'), errorOf('text'))}
          {...form.register('text')}
        />
      </label>
      <FieldProblem id={idOf('text')} problem={errorOf('text')} />
      <label className="field">
        {t('meetings.instructions.due')}
        <input
          type="date"
          min={instruction.given_on > today ? instruction.given_on : today}
          {...fieldAria(idOf('due_on'), errorOf('due_on'))}
          {...form.register('due_on')}
        />
      </label>
      <FieldProblem id={idOf('due_on')} problem={errorOf('due_on')} />
      <div className="buttons">
        <button type="submit" disabled={busy} data-action="save-instruction">
          {t('common.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
    </form>
  );
}
