import type { ReactNode } from 'react';

/**
 * A labelled field with its hint and its problem, both tied to the input for screen readers
 * (give the input `aria-describedby={describedBy(id, hint, problem)}`). Every form lays its fields
 * out with this, so a problem always sits under its field, announced as an alert.
 */
export function Field({
  id,
  label,
  hint,
  problem,
  className = 'field',
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: string;
  problem?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      <FieldProblem id={id} problem={problem} />
    </div>
  );
}

/** The problem of the field whose input has this id, for layouts where the label wraps the input. */
export function FieldProblem({ id, problem }: { id: string; problem?: string }) {
  if (!problem) return null;
  return (
    <span className="field-error" id={`${id}-error`} role="alert">
      {problem}
    </span>
  );
}

/** The aria-describedby of an input whose field shows this hint and problem. */
export function describedBy(id: string, hint?: string, problem?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The accessibility attributes of an input with this problem (and hint). */
export function fieldAria(id: string, problem?: string, hint?: string) {
  return { id, 'aria-invalid': problem ? true : undefined, 'aria-describedby': describedBy(id, hint, problem) };
}
