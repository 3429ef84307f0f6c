import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../i18n/i18n';
import type { Instruction, InstructionPatch } from './api';

export interface InstructionEdit {
  text: string;
  due_on: string;
}
export type EditProblem = 'textRequired' | 'dueInvalid' | 'dueBeforeMeeting' | 'duePast';
type Original = Pick<Instruction, 'text' | 'due_on' | 'given_on'>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day as YYYY-MM-DD (not 2026-02-30); a date input holds '' while a date is incomplete. */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * What is wrong with an edit, by the contract's rules (text not empty once trimmed, an ISO date) and the
 * API's (a deadline not before the meeting), checked here by hand so the bundle does not carry zod (the
 * tests hold these against the contract). A deadline *moved* into the past is refused too; an unchanged
 * one that has passed stays, so an overdue instruction's wording can still be corrected.
 */
export function editProblems(
  values: InstructionEdit,
  original: Original,
  today: string,
): Partial<Record<keyof InstructionEdit, EditProblem>> {
  const problems: Partial<Record<keyof InstructionEdit, EditProblem>> = {};
  if (!values.text.trim()) problems.text = 'textRequired';
  if (!isCalendarDate(values.due_on)) problems.due_on = 'dueInvalid';
  else if (values.due_on < original.given_on) problems.due_on = 'dueBeforeMeeting';
  else if (values.due_on < today && values.due_on !== original.due_on) problems.due_on = 'duePast';
  return problems;
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
  const [values, setValues] = useState<InstructionEdit>({ text: instruction.text, due_on: instruction.due_on });
  const [submitted, setSubmitted] = useState(false);
  const problems = editProblems(values, instruction, today);
  const shown = (name: keyof InstructionEdit) =>
    submitted || values[name] !== instruction[name] ? problems[name] : undefined;
  const idOf = (name: keyof InstructionEdit) => `instruction-${instruction.id}-${name}-error`;

  function explain(problem: EditProblem): string {
    switch (problem) {
      case 'textRequired':
        return t('meetings.instructions.textRequired');
      case 'dueInvalid':
        return t('meetings.instructions.dueInvalid');
      case 'dueBeforeMeeting':
        return t('meetings.instructions.dueBeforeMeeting', { date: formatDate(instruction.given_on) });
      case 'duePast':
        return t('meetings.instructions.duePast', { date: formatDate(today) });
    }
  }
  const fieldError = (name: keyof InstructionEdit) => {
    const problem = shown(name);
    return (
      problem && (
        <span className="field-error" id={idOf(name)} role="alert">
          {explain(problem)}
        </span>
      )
    );
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(problems).length) return;
    const patch = toInstructionPatch(values, instruction);
    if (Object.keys(patch).length) onSubmit(patch);
    else onCancel();
  }
  function cancelOnEscape(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  }

  return (
    <form
      className="instruction-edit"
      onSubmit={submit}
      onKeyDown={cancelOnEscape}
      aria-label={t('meetings.instructions.editForm')}
      noValidate
    >
      <label className="field">
        {t('meetings.instructions.text')}
        <textarea
          name="text"
          rows={3}
          maxLength={5000}
          autoFocus
          value={values.text}
          onChange={(event) => setValues({ ...values, text: event.target.value })}
          aria-invalid={Boolean(shown('text'))}
          aria-describedby={shown('text') ? idOf('text') : undefined}
        />
      </label>
      {fieldError('text')}
      <label className="field">
        {t('meetings.instructions.due')}
        <input
          type="date"
          name="due_on"
          min={instruction.given_on > today ? instruction.given_on : today}
          value={values.due_on}
          onChange={(event) => setValues({ ...values, due_on: event.target.value })}
          aria-invalid={Boolean(shown('due_on'))}
          aria-describedby={shown('due_on') ? idOf('due_on') : undefined}
        />
      </label>
      {fieldError('due_on')}
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
