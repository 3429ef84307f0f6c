/**
 * A form's values checked by the API's own zod schema (api/src/contract), its issues turned into
 * messages in the interface's language. The contract's messages are English prose for API clients;
 * a person reads a sentence of the app's, chosen by the kind of issue and the field it names.
 */
import type { z } from 'zod';

/** What is wrong with a field, whatever schema rule said so. */
export type IssueKind = 'required' | 'tooLong' | 'tooMany' | 'invalid';

/** i18n keys by kind of issue, or one key for any issue of the field. */
export type FieldMessages<Field extends string> = Partial<Record<Field, string | Partial<Record<IssueKind, string>>>>;

export interface FieldText {
  key: string;
  params?: Record<string, unknown>;
}

/** The app's own words for each kind, used where a form names none of its own. */
const GENERIC_MESSAGES: Record<IssueKind, string> = {
  required: 'common.form.required',
  tooLong: 'common.form.tooLong',
  tooMany: 'common.form.tooMany',
  invalid: 'common.form.invalid',
};

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

/** The kind of an issue, and the numbers its message needs (the most characters, say). */
function kindOf(issue: z.core.$ZodIssue, formValue: unknown): { kind: IssueKind; params: Record<string, unknown> } {
  // An empty field is missing, whatever rule it then fails (a code pattern, a date, a minimum).
  if (isEmpty(formValue)) return { kind: 'required', params: {} };
  if (
    issue.code === 'too_small' &&
    Number(issue.minimum) <= 1 &&
    (issue.origin === 'string' || issue.origin === 'array')
  )
    return { kind: 'required', params: {} };
  if (issue.code === 'too_big' && issue.origin === 'string')
    return { kind: 'tooLong', params: { max: Number(issue.maximum) } };
  if (issue.code === 'too_big' && issue.origin === 'array')
    return { kind: 'tooMany', params: { max: Number(issue.maximum) } };
  return { kind: 'invalid', params: {} };
}

/**
 * One message per form field, the first issue of each: the body's first path key names the field
 * (or `bodyToField` does, where the form calls it otherwise). Issues about no field of the form
 * (a rule over the whole body) come back under `root`.
 */
export function fieldTexts<Field extends string>(
  issues: readonly z.core.$ZodIssue[],
  values: Record<Field, unknown>,
  options: { messages?: FieldMessages<Field>; bodyToField?: Partial<Record<string, Field>> } = {},
): Partial<Record<Field | 'root', FieldText>> {
  const out: Partial<Record<Field | 'root', FieldText>> = {};
  for (const issue of issues) {
    const first = issue.path[0] === undefined ? undefined : String(issue.path[0]);
    const field = first === undefined ? undefined : (options.bodyToField?.[first] ?? (first as Field));
    if (field === undefined || !(field in values)) {
      out.root ??= { key: GENERIC_MESSAGES.invalid };
      continue;
    }
    if (out[field]) continue;
    const { kind, params } = kindOf(issue, values[field]);
    const own = options.messages?.[field];
    const key = typeof own === 'string' ? own : (own?.[kind] ?? GENERIC_MESSAGES[kind]);
    out[field] = { key, params };
  }
  return out;
}

/** How a form's values are checked: the contract's schema over the body they make, and the web's own rules. */
export interface FormCheck<V, S extends z.ZodType = z.ZodType> {
  /** The request body's schema, from api/src/contract. */
  schema: S;
  /** The values as the API takes them (trimmed, '' as null, numbers as numbers). */
  toBody: (values: V) => unknown;
  /** The form's own words for its fields' issues; others get the app's generic ones. */
  messages?: FieldMessages<Extract<keyof V, string>>;
  /** Body fields the form calls by another name. */
  bodyToField?: Partial<Record<string, Extract<keyof V, string>>>;
  /** Rules the API keeps in a service (a deadline not before the registration), field → message. */
  rules?: (values: V) => Partial<Record<Extract<keyof V, string>, string | FieldText>>;
}

/** The body to send, or what is wrong, field by field (the contract's issues first, then the rules'). */
export function checkValues<V extends object, S extends z.ZodType>(
  check: FormCheck<V, S>,
  values: V,
): { ok: true; body: z.output<S> } | { ok: false; texts: Partial<Record<string, FieldText>> } {
  const result = check.schema.safeParse(check.toBody(values));
  const texts: Partial<Record<string, FieldText>> = result.success
    ? {}
    : fieldTexts(result.error.issues, values as Record<Extract<keyof V, string>, unknown>, {
        messages: check.messages,
        bodyToField: check.bodyToField,
      });
  for (const [field, text] of Object.entries(check.rules?.(values) ?? {}) as [string, string | FieldText][])
    texts[field] ??= typeof text === 'string' ? { key: text } : text;
  if (result.success && !Object.keys(texts).length) return { ok: true, body: result.data };
  return { ok: false, texts };
}

/** Just the message keys of what is wrong (for tests and for forms that only need to know). */
export function problemKeys<V extends object>(check: FormCheck<V>, values: V): Record<string, string> {
  const checked = checkValues(check, values);
  return checked.ok ? {} : Object.fromEntries(Object.entries(checked.texts).map(([field, text]) => [field, text!.key]));
}

/**
 * The most characters a contract field takes (through optional, nullable and default), for an
 * input's maxLength: the limit is the API's, written once.
 */
export function maxLengthOf(schema: unknown): number | undefined {
  let current = schema as { maxLength?: number | null; unwrap?: () => unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.maxLength === 'number') return current.maxLength;
    if (typeof current.unwrap !== 'function') return undefined;
    current = current.unwrap() as typeof current;
  }
  return undefined;
}
