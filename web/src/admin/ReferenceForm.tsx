import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category } from '../api/types';
import { useAddReference, usePatchReference, type ReferenceItem, type ReferenceKind } from './api';
import { describedBy, Field, fieldProblem, ProblemAlert } from './Problem';

/** The API's rules (api/src/contract/common.ts, api/src/reference/writes.ts), told before asking. */
const CODE_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const MAX_NAME = 300;
const NEW_COLOUR = '#0b5cad';

interface Values {
  code: string;
  name_kk: string;
  name_ru: string;
  name_en: string;
  colour: string;
  sort_order: string;
}

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
  };
}

function localProblems(values: Values, adding: boolean, isCategory: boolean) {
  const problems: Partial<Record<keyof Values, string>> = {};
  if (adding && !CODE_PATTERN.test(values.code)) problems.code = 'admin.reference.codeRule';
  for (const name of NAMES) {
    if (!values[name].trim()) problems[name] = 'admin.userForm.required';
    else if (values[name].trim().length > MAX_NAME) problems[name] = 'admin.reference.tooLong';
  }
  const order = Number(values.sort_order);
  if (isCategory && (!/^\d+$/.test(values.sort_order) || order > 10000))
    problems.sort_order = 'admin.reference.orderRule';
  return problems;
}

/** The request body: everything for a new item; for an edit only what changed, so the audit says what did. */
function bodyOf(values: Values, item: ReferenceItem | undefined, isCategory: boolean): Record<string, unknown> {
  const full: Record<string, unknown> = { code: values.code };
  for (const name of NAMES) full[name] = values[name].trim();
  if (isCategory) Object.assign(full, { colour: values.colour.toLowerCase(), sort_order: Number(values.sort_order) });
  if (!item) return full;
  const before = valuesOf(item);
  const { code: _code, ...editable } = full;
  return Object.fromEntries(
    Object.entries(editable).filter(([name, value]) => String(value) !== String(before[name as keyof Values])),
  );
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
  const mutation = item ? edit : add;
  const isCategory = kind === 'categories';
  const [values, setValues] = useState(() => valuesOf(item));
  const [tried, setTried] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const local = localProblems(values, !item, isCategory);
  const body = bodyOf(values, item, isCategory);
  const set = (name: keyof Values, value: string) => {
    if (mutation.error) mutation.reset();
    setValues({ ...values, [name]: value });
  };
  const problem = (name: keyof Values) =>
    (tried && local[name] ? t(local[name]!, { max: MAX_NAME }) : undefined) ?? fieldProblem(mutation.error, name);
  const id = (name: keyof Values) => `reference-${name}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (Object.keys(local).length || !Object.keys(body).length) return;
    const done = await (item ? edit.mutateAsync({ code: item.code, patch: body }) : add.mutateAsync(body)).catch(
      () => undefined,
    );
    if (done) onDone(done);
  }

  const title = item
    ? t(isCategory ? 'admin.categories.editTitle' : 'admin.agencies.editTitle', { code: item.code })
    : t(isCategory ? 'admin.categories.new' : 'admin.agencies.new');
  const codeHint = t('admin.reference.codeHint');
  const text = (name: keyof Values, label: string, lang?: string) => (
    <Field key={name} id={id(name)} label={label} problem={problem(name)}>
      <input
        id={id(name)}
        name={name}
        lang={lang}
        inputMode={name === 'sort_order' ? 'numeric' : undefined}
        value={values[name]}
        aria-invalid={Boolean(problem(name)) || undefined}
        aria-describedby={describedBy(id(name), undefined, problem(name))}
        onChange={(event) => set(name, event.target.value)}
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
          <Field id={id('code')} label={t('admin.reference.code')} hint={codeHint} problem={problem('code')}>
            <input
              id={id('code')}
              name="code"
              spellCheck={false}
              autoComplete="off"
              value={values.code}
              aria-invalid={Boolean(problem('code')) || undefined}
              aria-describedby={describedBy(id('code'), codeHint, problem('code'))}
              onChange={(event) => set('code', event.target.value.trim())}
            />
          </Field>
        )}
        {NAMES.map((name) => text(name, t(NAME_LABELS[name]), name.slice(-2)))}
        {isCategory && (
          <Field id={id('colour')} label={t('admin.reference.colour')} problem={problem('colour')}>
            <span className="admin-colour-input">
              <input
                id={id('colour')}
                name="colour"
                type="color"
                value={values.colour}
                aria-describedby={describedBy(id('colour'), undefined, problem('colour'))}
                onChange={(event) => set('colour', event.target.value)}
              />
              <code aria-hidden="true">{values.colour}</code>
            </span>
          </Field>
        )}
        {isCategory && text('sort_order', t('admin.reference.sort_order'))}
      </div>
      <ProblemAlert error={mutation.error} fields={Object.keys(values)} />
      <div className="admin-actions">
        <button
          type="submit"
          className="primary"
          data-action="save-reference"
          disabled={mutation.isPending || (Boolean(item) && !Object.keys(body).length)}
        >
          {mutation.isPending ? t('common.loading') : item ? t('common.save') : t('admin.reference.add')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
