import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agencyCreate, agencyPatch, categoryCreate, categoryPatch } from '@oshaq/api/contract/reference';
import { SEVERITIES, type Category, type Severity } from '../api/types';
import { ApiError } from '../api/client';
import { fieldAria } from '../forms/Field';
import { FormFailure } from '../forms/FormFailure';
import type { FormCheck } from '../forms/issues';
import { useContractForm } from '../forms/useContractForm';
import { useAddReference, usePatchReference, type ReferenceItem, type ReferenceKind } from './api';
import { Field, ProblemAlert } from './Problem';

const NEW_COLOUR = '#0b5cad';

type Values = {
  code: string;
  name_kk: string;
  name_ru: string;
  name_en: string;
  colour: string;
  sort_order: string;
  duplicate_radius_m: string;
} & Record<DueField, string>;

/** The default deadline of a category per severity, in days: one field each, empty for none. */
type DueField = `due_${Severity}`;
const dueField = (severity: Severity): DueField => `due_${severity}`;
const DAYS = /^\d+$/;
const daysOrEmpty = (text: string) =>
  text.trim() === '' || (DAYS.test(text.trim()) && Number(text) >= 1 && Number(text) <= 3650);

const NAMES = ['name_kk', 'name_ru', 'name_en'] as const;
const NAME_LABELS = {
  name_kk: 'admin.reference.name_kk',
  name_ru: 'admin.reference.name_ru',
  name_en: 'admin.reference.name_en',
} as const;

function valuesOf(item: ReferenceItem | undefined): Values {
  const category = item && 'colour' in item ? (item as Category) : undefined;
  return {
    code: item?.code ?? '',
    name_kk: item?.name_kk ?? '',
    name_ru: item?.name_ru ?? '',
    name_en: item?.name_en ?? '',
    colour: category?.colour ?? NEW_COLOUR,
    sort_order: String(category?.sort_order ?? 0),
    duplicate_radius_m: String(category?.duplicate_radius_m ?? 300),
    ...(Object.fromEntries(
      SEVERITIES.map((severity) => [dueField(severity), String(category?.due_days?.[severity] ?? '')]),
    ) as Record<DueField, string>),
  };
}

/** The days as the API takes them: only the severities given; a field that is not days is left to the rule. */
function dueDaysOf(values: Values): Record<string, number> {
  return Object.fromEntries(
    SEVERITIES.filter((severity) => DAYS.test(values[dueField(severity)].trim())).map((severity) => [
      severity,
      Number(values[dueField(severity)].trim()),
    ]),
  );
}

const SCHEMAS = {
  categories: { create: categoryCreate, patch: categoryPatch },
  agencies: { create: agencyCreate, patch: agencyPatch },
} as const;

/** Checked by the API's own schema for adding (all fields) or changing (only what changed) the item. */
function referenceCheck(kind: ReferenceKind, item: ReferenceItem | undefined): FormCheck<Values> {
  return {
    schema: item ? SCHEMAS[kind].patch : SCHEMAS[kind].create,
    toBody: (values) => bodyOf(values, item, kind === 'categories'),
    messages: {
      code: 'admin.reference.codeRule',
      name_kk: { required: 'admin.userForm.required', tooLong: 'admin.reference.tooLong' },
      name_ru: { required: 'admin.userForm.required', tooLong: 'admin.reference.tooLong' },
      name_en: { required: 'admin.userForm.required', tooLong: 'admin.reference.tooLong' },
      sort_order: 'admin.reference.orderRule',
      duplicate_radius_m: 'admin.reference.radiusRule',
    },
    // The contract would name `due_days`, which is no one field here: each field is checked on its own.
    rules: (values) =>
      Object.fromEntries(
        SEVERITIES.filter((severity) => !daysOrEmpty(values[dueField(severity)])).map((severity) => [
          dueField(severity),
          'admin.reference.daysRule',
        ]),
      ),
  };
}

/** The request body: everything for a new item; for an edit only what changed, so the audit says what did. */
function bodyOf(values: Values, item: ReferenceItem | undefined, isCategory: boolean): Record<string, unknown> {
  const full: Record<string, unknown> = { code: values.code.trim() };
  for (const name of NAMES) full[name] = values[name].trim();
  // Only digits are an order: Number('') would quietly send 0.
  const order = /^\d+$/.test(values.sort_order) ? Number(values.sort_order) : Number.NaN;
  const radius = /^\d+$/.test(values.duplicate_radius_m.trim()) ? Number(values.duplicate_radius_m.trim()) : Number.NaN;
  if (isCategory)
    Object.assign(full, { colour: values.colour.toLowerCase(), sort_order: order, duplicate_radius_m: radius });
  if (!item) return isCategory ? { ...full, due_days: dueDaysOf(values) } : full;
  const before = valuesOf(item);
  const { code: _code, ...editable } = full;
  const changed = Object.fromEntries(
    Object.entries(editable).filter(([name, value]) => String(value) !== String(before[name as keyof Values])),
  );
  const dueDays = dueDaysOf(values);
  if (isCategory && JSON.stringify(dueDays) !== JSON.stringify(dueDaysOf(before))) changed.due_days = dueDays;
  return changed;
}

/** Adds a category or agency, or renames and recolours one; retiring is a button in the table. */
export function ReferenceForm({
  kind,
  item,
  onDone,
  onCancel,
}: {
  kind: ReferenceKind;
  item?: ReferenceItem;
  onDone: (item: ReferenceItem) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const add = useAddReference(kind);
  const edit = usePatchReference(kind);
  const isCategory = kind === 'categories';
  // The version being edited: the one opened, or the current one after "someone else changed this".
  const [base, setBase] = useState(item);
  const [defaultValues] = useState(() => valuesOf(item));
  const { form, errorOf, submitWith, failure, busy, clearFailure } = useContractForm({
    ...referenceCheck(kind, base),
    defaultValues,
    clearFailureOnEdit: true,
  });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const values = form.watch();
  // A day count that is not one changes nothing in the body, yet Save must stay open to say so.
  const unchanged =
    Boolean(base) &&
    !Object.keys(bodyOf(values, base, isCategory)).length &&
    SEVERITIES.every((severity) => daysOrEmpty(values[dueField(severity)] ?? ''));
  const id = (name: keyof Values) => `reference-${name}`;

  const submit = submitWith(async (body) => {
    const done = await (base
      ? edit.mutateAsync({ code: base.code, version: base.version, patch: body as Record<string, unknown> })
      : add.mutateAsync(body as Record<string, unknown>));
    onDone(done);
  });
  const stale = failure instanceof ApiError && failure.status === 412;
  /** Opens the current version (the 412 carries it): the edit starts again from what is saved now. */
  const reload = () => {
    const current = (failure as ApiError).body.current as ReferenceItem | null | undefined;
    if (!current) return;
    setBase(current);
    form.reset(valuesOf(current));
    clearFailure();
  };

  const title = item
    ? t(isCategory ? 'admin.categories.editTitle' : 'admin.agencies.editTitle', { code: item.code })
    : t(isCategory ? 'admin.categories.new' : 'admin.agencies.new');
  const codeHint = t('admin.reference.codeHint');
  const text = (name: keyof Values, label: string, lang?: string) => (
    <Field key={name} id={id(name)} label={label} problem={errorOf(name)}>
      <input
        lang={lang}
        inputMode={name === 'sort_order' || name === 'duplicate_radius_m' ? 'numeric' : undefined}
        {...fieldAria(id(name), errorOf(name))}
        {...form.register(name)}
      />
    </Field>
  );
  return (
    <form
      className="admin-form"
      data-testid="reference-form"
      aria-labelledby="reference-form-title"
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <h3 id="reference-form-title" ref={heading} tabIndex={-1}>
        {title}
      </h3>
      <div className="admin-form-grid">
        {!item && (
          <Field id={id('code')} label={t('admin.reference.code')} hint={codeHint} problem={errorOf('code')}>
            <input
              spellCheck={false}
              autoComplete="off"
              {...fieldAria(id('code'), errorOf('code'), codeHint)}
              {...form.register('code')}
            />
          </Field>
        )}
        {NAMES.map((name) => text(name, t(NAME_LABELS[name]), name.slice(-2)))}
        {isCategory && (
          <Field id={id('colour')} label={t('admin.reference.colour')} problem={errorOf('colour')}>
            <span className="admin-colour-input">
              <input type="color" {...fieldAria(id('colour'), errorOf('colour'))} {...form.register('colour')} />
              <code aria-hidden="true">{values.colour}</code>
            </span>
          </Field>
        )}
        {isCategory && text('sort_order', t('admin.reference.sort_order'))}
        {isCategory && text('duplicate_radius_m', t('admin.reference.duplicateRadius'))}
      </div>
      {isCategory && (
        <fieldset className="admin-form-grid" data-testid="category-due-days">
          <legend>{t('admin.reference.dueDays')}</legend>
          {SEVERITIES.map((severity) => (
            <Field
              key={severity}
              id={id(dueField(severity))}
              label={t(`common.severity.${severity}`)}
              problem={errorOf(dueField(severity))}
            >
              <input
                inputMode="numeric"
                {...fieldAria(id(dueField(severity)), errorOf(dueField(severity)))}
                {...form.register(dueField(severity))}
              />
            </Field>
          ))}
        </fieldset>
      )}
      {stale ? (
        <FormFailure failure={failure} options={{ staleKey: 'admin.reference.stale' }} onReload={reload} />
      ) : (
        <ProblemAlert error={failure} fields={Object.keys(defaultValues)} />
      )}
      <div className="admin-actions">
        <button type="submit" className="primary" data-action="save-reference" disabled={busy || unchanged}>
          {busy ? t('common.loading') : item ? t('common.save') : t('admin.reference.add')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
