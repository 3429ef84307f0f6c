import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { hotspotCreate, hotspotRegistration } from '@oshaq/api/contract/hotspots';
import { ApiError } from '../api/client';
import { Field, FieldProblem, fieldAria } from '../forms/Field';
import { FormFailure } from '../forms/FormFailure';
import { maxLengthOf, problemKeys, type FormCheck } from '../forms/issues';
import { useContractForm } from '../forms/useContractForm';
import { newIdempotencyKey, useAgencies, useAreas, useCategories, useConfig } from '../api/hooks';
import {
  SEVERITIES,
  type Category,
  type HotspotCreate,
  type HotspotFeature,
  type HotspotPatch,
  type Severity,
} from '../api/types';
import { compareText } from '../i18n/i18n';
import { localName } from '../i18n/names';
import { checkGeometry, type DrawnGeometry } from './geometry-check';
import { NearbyWarning } from './NearbyWarning';
import { PlaceEntry, type PlaceChoice } from './PlaceEntry';

export type FormValues = {
  title: string;
  description: string;
  category: string;
  severity: Severity;
  agency: string;
  registered_on: string;
  due_on: string;
  confidential: boolean;
  /** The hotspot this one repeats, chosen from the nearby warning (registering only). */
  duplicate_of?: string;
  /** Editing a duplicate: it is no longer one (the API's `duplicate_of: null`). */
  clear_duplicate?: boolean;
};

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

/** A location for checking the fields before one is drawn (the drawing is checked on its own). */
const SOMEWHERE: DrawnGeometry = { type: 'Point', coordinates: [0, 0] };

/**
 * The form's fields checked by the API's own schema (hotspotRegistration when registering, which
 * requires the agency and the deadline; hotspotCreate, which an edit's full body meets, when
 * editing a row that may lack them) and by the rule the API keeps in its service: a deadline not
 * before the registration.
 */
function hotspotCheck(geometry: DrawnGeometry | undefined, registering = true): FormCheck<FormValues> {
  return {
    schema: registering ? hotspotRegistration : hotspotCreate,
    toBody: (values) => toRequest(values, geometry ?? SOMEWHERE),
    messages: {
      title: { required: 'hotspots.form.required' },
      category: { required: 'hotspots.form.required' },
      agency: { required: 'hotspots.form.required' },
      registered_on: { required: 'hotspots.form.required' },
      due_on: { required: 'hotspots.form.required' },
    },
    // An edit refused for its original (moved too far, another category) is shown at the box that clears it.
    bodyToField: { duplicate_of: 'clear_duplicate' },
    rules: (values) =>
      values.due_on && values.registered_on && values.due_on < values.registered_on
        ? { due_on: 'hotspots.form.dueBeforeRegistered' }
        : {},
  };
}

/** What the person must still fix, field by field, as message keys (the API checks again). */
export function formProblems(values: FormValues, registering = true): Record<string, string> {
  return problemKeys(hotspotCheck(undefined, registering), values);
}

/** The deadline the category's default proposes for a severity (days after registration), if it has one. */
export function proposedDueOn(
  category: Category | undefined,
  severity: Severity,
  registeredOn: string,
): string | undefined {
  const days = category?.due_days?.[severity];
  if (!days || !/^\d{4}-\d{2}-\d{2}$/.test(registeredOn)) return undefined;
  const date = new Date(`${registeredOn}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function toRequest(values: FormValues, geometry: DrawnGeometry): HotspotCreate & { duplicate_of?: string } {
  return {
    ...(values.duplicate_of ? { duplicate_of: values.duplicate_of } : {}),
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

/**
 * An edit's body: every field as the form has it, and `duplicate_of: null` when the person says a
 * duplicate is no longer one (naming an original is for registering; an edit can only clear it).
 */
export function toPatch(values: FormValues, geometry: DrawnGeometry): HotspotPatch {
  const { duplicate_of: _registrationOnly, ...changes } = toRequest(values, geometry);
  return values.clear_duplicate ? { ...changes, duplicate_of: null } : changes;
}

interface Props {
  feature?: HotspotFeature;
  geometry: DrawnGeometry | undefined;
  today: string;
  /** `idempotencyKey` is this form's, drawn when it opened: every retry of its Save repeats it. */
  onSubmit: (values: FormValues, idempotencyKey: string) => Promise<void>;
  onCancel: () => void;
  /** A place typed as coordinates or chosen by name (PlaceEntry); without it, only the map places. */
  onPlace?: (choice: PlaceChoice) => void;
  /** After "someone else changed this": opens the hotspot's current version in the form. */
  onReload?: () => void;
}

/** Create and edit in one form; the location comes from the map's drawing tool or the place entry. */
export function HotspotForm({ feature, geometry, today, onSubmit, onCancel, onPlace, onReload }: Props) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const agencies = useAgencies();
  const areas = useAreas();
  const config = useConfig();
  const [idempotencyKey] = useState(newIdempotencyKey);
  // The box that un-marks a duplicate is a field too: the API's refusals about duplicate_of go there.
  const [defaultValues] = useState(() => ({ ...initialValues(feature, today), clear_duplicate: false }));
  // Problems show as the person types (the API checks again); the geometry is checked beside the map.
  const { form, errorOf, rootError, submitWith, failure, placed, busy } = useContractForm({
    ...hotspotCheck(geometry, !feature),
    defaultValues,
    mode: 'onChange',
  });
  const { register, watch } = form;
  const check = useMemo(
    () =>
      geometry ? checkGeometry(geometry, areas.data?.features ?? [], config.data?.jurisdiction ?? null) : undefined,
    [geometry, areas.data, config.data],
  );
  const language = i18n.language;
  // The browser's outlines are simplified: at the very line the API may still refuse (same rule, finer outline).
  const refusedOutside = failure instanceof ApiError && failure.body.code === 'outside_jurisdiction';
  const category = watch('category');
  const agency = watch('agency');
  const severity = watch('severity');
  const registeredOn = watch('registered_on');
  // A new hotspot's deadline follows the category's default for its severity until the person
  // picks one themselves (a date other than the last one proposed).
  const lastProposed = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (feature) return;
    const proposal = proposedDueOn(
      categories.data?.find((c) => c.code === category),
      severity,
      registeredOn,
    );
    const current = form.getValues('due_on');
    if (proposal && (current === '' || current === lastProposed.current)) {
      lastProposed.current = proposal;
      form.setValue('due_on', proposal, { shouldValidate: true, shouldDirty: true });
    }
  }, [feature, categories.data, category, severity, registeredOn, form]);

  const submit = submitWith(async (_body, values) => {
    if (!geometry || !check?.ok) return;
    await onSubmit(values, idempotencyKey);
  });

  const field = (name: keyof FormValues, label: string, input: (aria: ReturnType<typeof fieldAria>) => ReactNode) => {
    const id = `hotspot-${name}`;
    return (
      <Field id={id} label={label} problem={errorOf(name)}>
        {input(fieldAria(id, errorOf(name)))}
      </Field>
    );
  };

  return (
    <form
      className="hotspot-form"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="hotspot-form-title"
      noValidate
    >
      <h2 id="hotspot-form-title">{feature ? t('hotspots.form.editTitle') : t('hotspots.form.newTitle')}</h2>
      <p
        className={(check && !check.ok) || refusedOutside ? 'field-error' : 'hint'}
        data-testid="geometry-check"
        role="status"
      >
        {!geometry
          ? t('hotspots.form.drawFirst')
          : refusedOutside
            ? t('hotspots.form.outsideLine')
            : check?.ok
              ? t('hotspots.form.geometryOk', {
                  area: check.area ? localName(check.area.properties, language) : t('hotspots.panel.noArea'),
                })
              : check?.reason === 'self_intersects'
                ? t('hotspots.form.selfIntersects')
                : t('hotspots.form.outside', {
                    area: check
                      ? check.jurisdiction.map((area) => localName(area.properties, language)).join(', ')
                      : '',
                  })}
      </p>
      {onPlace && <PlaceEntry onPlace={onPlace} />}
      {!feature && (
        <NearbyWarning
          category={category}
          geometry={geometry}
          duplicateOf={watch('duplicate_of') ?? ''}
          onDuplicateOf={(id) => form.setValue('duplicate_of', id)}
        />
      )}
      {field('title', t('hotspots.fields.title'), (aria) => (
        <input {...aria} maxLength={maxLengthOf(hotspotCreate.shape.title)} {...register('title')} />
      ))}
      {field('category', t('hotspots.fields.category'), (aria) => (
        <select {...aria} {...register('category')}>
          <option value="">—</option>
          {(categories.data ?? [])
            .filter((c) => c.active || c.code === category)
            .sort((a, b) => compareText(localName(a, language), localName(b, language)))
            .map((c) => (
              <option key={c.code} value={c.code}>
                {localName(c, language)}
              </option>
            ))}
        </select>
      ))}
      {field('severity', t('hotspots.fields.severity'), (aria) => (
        <select {...aria} {...register('severity')}>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`common.severity.${s}`)}
            </option>
          ))}
        </select>
      ))}
      {field('agency', t('hotspots.fields.agency'), (aria) => (
        <select {...aria} {...register('agency')}>
          <option value="">—</option>
          {(agencies.data ?? [])
            .filter((a) => a.active || a.code === agency)
            .sort((a, b) => compareText(localName(a, language), localName(b, language)))
            .map((a) => (
              <option key={a.code} value={a.code}>
                {localName(a, language)}
              </option>
            ))}
        </select>
      ))}
      {field('registered_on', t('hotspots.fields.registered_on'), (aria) => (
        <input {...aria} type="date" {...register('registered_on', { deps: ['due_on'] })} />
      ))}
      {field('due_on', t('hotspots.fields.due_on'), (aria) => (
        <input {...aria} type="date" {...register('due_on')} />
      ))}
      {field('description', t('hotspots.fields.description'), (aria) => (
        <textarea {...aria} rows={4} {...register('description')} />
      ))}
      <label className="checkbox">
        <input type="checkbox" {...register('confidential')} />
        {t('hotspots.fields.confidential')}
      </label>
      {feature?.properties.duplicate_of && (
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              {...fieldAria('hotspot-clear_duplicate', errorOf('clear_duplicate'))}
              {...register('clear_duplicate')}
            />
            {t('hotspots.form.notDuplicate')}
          </label>
          <FieldProblem id="hotspot-clear_duplicate" problem={errorOf('clear_duplicate')} />
        </div>
      )}
      {rootError && (
        <p role="alert" className="error">
          {rootError}
        </p>
      )}
      {!refusedOutside && (
        <FormFailure
          failure={failure}
          options={{ staleKey: 'hotspots.panel.conflict' }}
          placedOnFields={placed.length > 0}
          onReload={onReload}
        />
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
