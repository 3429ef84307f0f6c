import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { auditQuery } from '@oshaq/api/contract/audit';
import { readParam } from '../filters/url-params';
import { FieldProblem, fieldAria } from '../forms/Field';
import type { FormCheck } from '../forms/issues';
import { useContractForm } from '../forms/useContractForm';
import { compareText } from '../i18n/i18n';
import { AUDIT_FILTERS, useUsers, type AuditFilters } from './api';
import { AUDIT_ACTION_GROUPS, AUDIT_ACTIONS } from './audit-actions';

type Values = Record<(typeof AUDIT_FILTERS)[number], string>;

/** The filled-in filters, trimmed, as text (the URL keeps them so). */
function filled(values: Partial<Values>): AuditFilters {
  return Object.fromEntries(
    Object.entries(values).flatMap(([name, value]) => (value?.trim() ? [[name, value.trim()]] : [])),
  );
}

/** Checked by the API's auditQuery: an action it cannot read is told beside the field, not sent. */
const auditFilterCheck: FormCheck<Values> = { schema: auditQuery, toBody: filled };

/** The filters in the URL, each as the API's auditQuery reads it; what it would refuse is left out. */
export function readAuditFilters(search: URLSearchParams): AuditFilters {
  return Object.fromEntries(
    AUDIT_FILTERS.flatMap((name) => {
      const value = search.get(name)?.trim();
      return value && readParam(auditQuery.shape[name], value) !== undefined ? [[name, value]] : [];
    }),
  );
}

const valuesOf = (filters: AuditFilters): Values =>
  Object.fromEntries(AUDIT_FILTERS.map((name) => [name, filters[name] ?? ''])) as Values;

/** Kinds of record the API writes to the trail, with their labels (literal keys, so they are checked). */
export const ENTITY_LABELS: Record<string, string> = {
  hotspot: 'admin.audit.entities.hotspot',
  user: 'admin.audit.entities.user',
  category: 'admin.audit.entities.category',
  agency: 'admin.audit.entities.agency',
  api_token: 'admin.audit.entities.api_token',
  area: 'admin.audit.entities.area',
  place: 'admin.audit.entities.place',
  meeting: 'admin.audit.entities.meeting',
  agenda_item: 'admin.audit.entities.agenda_item',
  instruction: 'admin.audit.entities.instruction',
  sign_in_lock: 'admin.audit.entities.sign_in_lock',
};

/** Edits stay in the form until applied, so typing an id does not ask the server at every key. */
export function AuditFilterForm({
  filters,
  onApply,
}: {
  filters: AuditFilters;
  onApply: (next: AuditFilters) => void;
}) {
  const { t } = useTranslation();
  const users = useUsers();
  const { form, errorOf, submitWith } = useContractForm({ ...auditFilterCheck, defaultValues: valuesOf(filters) });
  const { register, reset } = form;
  // Back and forward change the URL's filters; the form follows them.
  useEffect(() => {
    reset(valuesOf(filters));
  }, [filters, reset]);
  const people = [...(users.data ?? [])].sort(
    (a, b) => compareText(a.full_name, b.full_name) || compareText(a.login, b.login),
  );
  const submit = submitWith(async (_body, values) => onApply(filled(values)));

  return (
    <form
      className="admin-filters"
      role="search"
      aria-label={t('admin.audit.filters')}
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <label>
        {t('admin.audit.from')}
        <input type="date" {...fieldAria('audit-from', errorOf('from'))} {...register('from')} />
      </label>
      <FieldProblem id="audit-from" problem={errorOf('from')} />
      <label>
        {t('admin.audit.to')}
        <input type="date" {...fieldAria('audit-to', errorOf('to'))} {...register('to')} />
      </label>
      <FieldProblem id="audit-to" problem={errorOf('to')} />
      <label>
        {t('admin.audit.action')}
        {/* Worded choices: each group (every hotspot action…) then its actions. A code from a shared
            URL that no longer exists stays chosen, shown as it is. */}
        <select {...fieldAria('audit-action', errorOf('action'), 'hint')} {...register('action')}>
          <option value="">{t('admin.audit.anyAction')}</option>
          {filters.action && !AUDIT_ACTIONS[filters.action] && !AUDIT_ACTION_GROUPS[filters.action] && (
            <option value={filters.action}>{filters.action}</option>
          )}
          {Object.entries(AUDIT_ACTION_GROUPS).map(([group, key]) => (
            <optgroup key={group} label={t(key)}>
              <option value={group}>{t(key)}</option>
              {Object.entries(AUDIT_ACTIONS)
                .filter(([action]) => action.startsWith(`${group}.`))
                .map(([action, words]) => (
                  <option key={action} value={action}>
                    {t(words)}
                  </option>
                ))}
            </optgroup>
          ))}
          {Object.entries(AUDIT_ACTIONS)
            .filter(([action]) => !AUDIT_ACTION_GROUPS[action.split('.')[0]!])
            .map(([action, words]) => (
              <option key={action} value={action}>
                {t(words)}
              </option>
            ))}
        </select>
        <span className="hint" id="audit-action-hint">
          {t('admin.audit.actionHint')}
        </span>
      </label>
      <FieldProblem id="audit-action" problem={errorOf('action')} />
      <label>
        {t('admin.audit.entity')}
        <select {...register('entity')}>
          <option value="">{t('admin.audit.anyEntity')}</option>
          {Object.entries(ENTITY_LABELS).map(([entity, key]) => (
            <option key={entity} value={entity}>
              {t(key)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('admin.audit.entityId')}
        <input
          spellCheck={false}
          autoComplete="off"
          {...fieldAria('audit-entity_id', errorOf('entity_id'))}
          {...register('entity_id')}
        />
      </label>
      <FieldProblem id="audit-entity_id" problem={errorOf('entity_id')} />
      <label>
        {t('admin.audit.user')}
        <select {...register('user')}>
          <option value="">{t('admin.audit.anyUser')}</option>
          {people.map((person) => (
            <option key={person.id} value={String(person.id)}>
              {person.full_name} ({person.login})
            </option>
          ))}
        </select>
      </label>
      <div className="admin-actions">
        <button type="submit" className="primary" data-action="apply-filters">
          {t('admin.audit.apply')}
        </button>
        <button
          type="button"
          data-action="clear-filters"
          onClick={() => {
            reset(valuesOf({}));
            onApply({});
          }}
        >
          {t('admin.audit.clear')}
        </button>
      </div>
    </form>
  );
}
