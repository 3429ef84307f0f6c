import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useProblemText } from '../api/problem-text';

export { useProblemText };

/** What the API said about one field, if it named that field. */
export function fieldProblem(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.fields.find((f) => f.field === field || f.field.startsWith(`${field}.`))?.message;
}

/**
 * The refusal as a whole. A form that shows each named field's problem beside its input passes
 * those fields, so the same words are not announced twice.
 */
export function ProblemAlert({ error, fields = [] }: { error: unknown; fields?: readonly string[] }) {
  const text = useProblemText();
  if (!error) return null;
  if (error instanceof ApiError && error.fields.length && error.fields.every((f) => fields.includes(f.field)))
    return null;
  return (
    <p role="alert" className="admin-error">
      {text(error)}
    </p>
  );
}

/** A labelled field with its hint and its problem tied to the input for screen readers. */
export function Field({
  id,
  label,
  hint,
  problem,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  problem?: string;
  children: ReactNode;
}) {
  return (
    <div className="admin-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {problem && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

/** The aria-describedby of an input rendered inside Field. */
export function describedBy(id: string, hint?: string, problem?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}
