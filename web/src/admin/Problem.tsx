import type { ComponentProps } from 'react';
import { ApiError } from '../api/client';
import { useProblemText } from '../api/problem-text';
import { Field as FormField } from '../forms/Field';

export { describedBy } from '../forms/Field';

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

/** The shared field (web/src/forms/Field.tsx) as the administrators' screens lay it out. */
export function Field(props: Omit<ComponentProps<typeof FormField>, 'className'>) {
  return <FormField className="admin-field" {...props} />;
}
