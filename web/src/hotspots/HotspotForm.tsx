import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useProblemText } from '../api/problem-text';
import { newIdempotencyKey, useAgencies, useAreas, useCategories, useConfig } from '../api/hooks';
import { SEVERITIES, type HotspotCreate, type HotspotFeature, type Severity } from '../api/types';
import { compareText } from '../i18n/i18n';
import { localName } from '../i18n/names';
import { checkGeometry, type DrawnGeometry } from './geometry-check';

export interface FormValues {
  title: string;
  description: string;
  category: string;
  severity: Severity;
  agency: string;
  registered_on: string;
  due_on: string;
  confidential: boolean;
}

export function initialValues(feature: HotspotFeature | undefined, today: string): FormValues {
  const p = feature?.properties;
  return {
    title: p?.title ?? '',
    description: p?.description ?? '',
    category: p?.category ?? '',
    severity: p?.severity ?? 'medium',
    agency: p?.agency ?? '',
    registered_on: p?.registered_on ?? today,
    due_on: p?.due_on ?? '',
    confidential: p?.confidential ?? false,
  };
}

/** What the person must still fix, field by field, checked as they type (the API checks again). */
export function formProblems(
  values: FormValues,
): Partial<Record<keyof FormValues, 'required' | 'dueBeforeRegistered'>> {
  const problems: Partial<Record<keyof FormValues, 'required' | 'dueBeforeRegistered'>> = {};
  if (!values.title.trim()) problems.title = 'required';
  if (!values.category) problems.category = 'required';
  if (!values.registered_on) problems.registered_on = 'required';
  if (values.due_on && values.registered_on && values.due_on < values.registered_on)
    problems.due_on = 'dueBeforeRegistered';
  return problems;
}

export function toRequest(values: FormValues, geometry: DrawnGeometry): HotspotCreate {
  return {
    title: values.title.trim(),
    description: values.description,
    category: values.category,
    severity: values.severity,
    geometry: geometry as HotspotCreate['geometry'],
    agency: values.agency || null,
    registered_on: values.registered_on,
    due_on: values.due_on || null,
    confidential: values.confidential,
  };
}

interface Props {
  feature?: HotspotFeature;
  geometry: DrawnGeometry | undefined;
  today: string;
  /** `idempotencyKey` is this form's, drawn when it opened: every retry of its Save repeats it. */
  onSubmit: (values: FormValues, idempotencyKey: string) => Promise<void>;
  onCancel: () => void;
}

/** Create and edit in one form; the location comes from the map's drawing tool. */
export function HotspotForm({ feature, geometry, today, onSubmit, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const agencies = useAgencies();
  const areas = useAreas();
  const config = useConfig();
  const [values, setValues] = useState(() => initialValues(feature, today));
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<ApiError | Error>();
  const problemText = useProblemText();
  const [busy, setBusy] = useState(false);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const problems = formProblems(values);
  const check = useMemo(
    () =>
      geometry ? checkGeometry(geometry, areas.data?.features ?? [], config.data?.jurisdiction ?? null) : undefined,
    [geometry, areas.data, config.data],
  );
  const language = i18n.language;
  const set = <K extends keyof FormValues>(name: K, value: FormValues[K]) => setValues({ ...values, [name]: value });
  const problem = (name: keyof FormValues) =>
    touched || values[name] !== initialValues(feature, today)[name]
      ? problems[name] && t(`hotspots.form.${problems[name]}`)
      : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(problems).length || !geometry || !check?.ok) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(values, idempotencyKey);
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (name: string) =>
    error instanceof ApiError
      ? error.fields.find((f) => f.field === name || f.field.startsWith(`${name}.`))
      : undefined;
  const field = (name: keyof FormValues, label: string, input: React.ReactNode) => {
    const message = problem(name) ?? fieldError(name)?.message;
    return (
      <div className="field">
        <label htmlFor={`hotspot-${name}`}>{label}</label>
        {input}
        {message && (
          <span className="field-error" id={`hotspot-${name}-error`} role="alert">
            {message}
          </span>
        )}
      </div>
    );
  };
  const described = (name: keyof FormValues) => (problem(name) ? `hotspot-${name}-error` : undefined);

  return (
    <form className="hotspot-form" onSubmit={submit} aria-labelledby="hotspot-form-title" noValidate>
      <h2 id="hotspot-form-title">{feature ? t('hotspots.form.editTitle') : t('hotspots.form.newTitle')}</h2>
      <p className={check && !check.ok ? 'field-error' : 'hint'} data-testid="geometry-check" role="status">
        {!geometry
          ? t('hotspots.form.drawFirst')
          : check?.ok
            ? t('hotspots.form.geometryOk', {
                area: check.area ? localName(check.area.properties, language) : t('hotspots.panel.noArea'),
              })
            : check?.reason === 'self_intersects'
              ? t('hotspots.form.selfIntersects')
              : t('hotspots.form.outside', { area: check ? localName(check.jurisdiction.properties, language) : '' })}
      </p>
      {field(
        'title',
        t('hotspots.fields.title'),
        <input
          id="hotspot-title"
          name="title"
          value={values.title}
          maxLength={300}
          aria-invalid={Boolean(problem('title'))}
          aria-describedby={described('title')}
          onChange={(e) => set('title', e.target.value)}
        />,
      )}
      {field(
        'category',
        t('hotspots.fields.category'),
        <select
          id="hotspot-category"
          name="category"
          value={values.category}
          aria-invalid={Boolean(problem('category'))}
          onChange={(e) => set('category', e.target.value)}
        >
          <option value="">—</option>
          {(categories.data ?? [])
            .filter((c) => c.active || c.code === values.category)
            .sort((a, b) => compareText(localName(a, language), localName(b, language)))
            .map((c) => (
              <option key={c.code} value={c.code}>
                {localName(c, language)}
              </option>
            ))}
        </select>,
      )}
      {field(
        'severity',
        t('hotspots.fields.severity'),
        <select
          id="hotspot-severity"
          name="severity"
          value={values.severity}
          onChange={(e) => set('severity', e.target.value as Severity)}
        >
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`common.severity.${s}`)}
            </option>
          ))}
        </select>,
      )}
      {field(
        'agency',
        t('hotspots.fields.agency'),
        <select id="hotspot-agency" name="agency" value={values.agency} onChange={(e) => set('agency', e.target.value)}>
          <option value="">—</option>
          {(agencies.data ?? [])
            .filter((a) => a.active || a.code === values.agency)
            .sort((a, b) => compareText(localName(a, language), localName(b, language)))
            .map((a) => (
              <option key={a.code} value={a.code}>
                {localName(a, language)}
              </option>
            ))}
        </select>,
      )}
      {field(
        'registered_on',
        t('hotspots.fields.registered_on'),
        <input
          id="hotspot-registered_on"
          type="date"
          name="registered_on"
          value={values.registered_on}
          onChange={(e) => set('registered_on', e.target.value)}
        />,
      )}
      {field(
        'due_on',
        t('hotspots.fields.due_on'),
        <input
          id="hotspot-due_on"
          type="date"
          name="due_on"
          value={values.due_on}
          aria-invalid={Boolean(problem('due_on'))}
          aria-describedby={described('due_on')}
          onChange={(e) => set('due_on', e.target.value)}
        />,
      )}
      {field(
        'description',
        t('hotspots.fields.description'),
        <textarea
          id="hotspot-description"
          name="description"
          rows={4}
          value={values.description}
          onChange={(e) => set('description', e.target.value)}
        />,
      )}
      <label className="checkbox">
        <input
          type="checkbox"
          name="confidential"
          checked={values.confidential}
          onChange={(e) => set('confidential', e.target.checked)}
        />
        {t('hotspots.fields.confidential')}
      </label>
      {error && (
        <p role="alert" className="error">
          {problemText(error, { staleKey: 'hotspots.panel.conflict' })}
        </p>
      )}
      <div className="buttons">
        <button type="submit" disabled={busy}>
          {feature ? t('common.save') : t('hotspots.form.create')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
