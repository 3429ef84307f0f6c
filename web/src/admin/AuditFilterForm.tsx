import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { compareText } from '../i18n/i18n';
import { useUsers, type AuditFilters } from './api';

export const AUDIT_FILTERS = ['from', 'to', 'action', 'entity', 'entity_id', 'user'] as const;

/** Kinds of record the API writes to the trail, with their labels (literal keys, so they are checked). */
export const ENTITY_LABELS: Record<string, string> = {
  hotspot: 'admin.audit.entities.hotspot',
  user: 'admin.audit.entities.user',
  category: 'admin.audit.entities.category',
  agency: 'admin.audit.entities.agency',
  api_token: 'admin.audit.entities.api_token',
};

/** Actions the API records; the filter also takes a prefix ("hotspot" means every hotspot action). */
const KNOWN_ACTIONS = [
  'hotspot',
  'hotspot.create',
  'hotspot.update',
  'hotspot.transition',
  'hotspot.comment',
  'hotspot.delete',
  'import.create',
  'user',
  'user.create',
  'user.update',
  'user.end_sessions',
  'user.password_change',
  'session',
  'session.sign_in',
  'session.sign_in_failed',
  'session.sign_out',
  'token.create',
  'token.revoke',
  'category.create',
  'category.update',
  'agency.create',
  'agency.update',
];

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
  const [draft, setDraft] = useState(filters);
  // Back and forward change the URL's filters; the form follows them.
  useEffect(() => {
    setDraft(filters);
  }, [filters]);
  const set = (name: keyof AuditFilters, value: string) => setDraft({ ...draft, [name]: value || undefined });
  const people = [...(users.data ?? [])].sort(
    (a, b) => compareText(a.full_name, b.full_name) || compareText(a.login, b.login),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = Object.fromEntries(
      Object.entries(draft)
        .map(([name, value]) => [name, typeof value === 'string' ? value.trim() : value])
        .filter(([, value]) => value),
    );
    onApply(trimmed as AuditFilters);
  }

  return (
    <form className="admin-filters" role="search" aria-label={t('admin.audit.filters')} onSubmit={submit}>
      <label>
        {t('admin.audit.from')}
        <input type="date" name="from" value={draft.from ?? ''} onChange={(e) => set('from', e.target.value)} />
      </label>
      <label>
        {t('admin.audit.to')}
        <input type="date" name="to" value={draft.to ?? ''} onChange={(e) => set('to', e.target.value)} />
      </label>
      <label>
        {t('admin.audit.action')}
        <input
          name="action"
          list="audit-actions"
          spellCheck={false}
          autoComplete="off"
          placeholder="hotspot.update"
          aria-describedby="audit-action-hint"
          value={draft.action ?? ''}
          onChange={(e) => set('action', e.target.value)}
        />
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
        <span className="hint" id="audit-action-hint">
          {t('admin.audit.actionHint')}
        </span>
      </label>
      <label>
        {t('admin.audit.entity')}
        <select name="entity" value={draft.entity ?? ''} onChange={(e) => set('entity', e.target.value)}>
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
          name="entity_id"
          spellCheck={false}
          autoComplete="off"
          value={draft.entity_id ?? ''}
          onChange={(e) => set('entity_id', e.target.value)}
        />
      </label>
      <label>
        {t('admin.audit.user')}
        <select name="user" value={draft.user ?? ''} onChange={(e) => set('user', e.target.value)}>
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
            setDraft({});
            onApply({});
          }}
        >
          {t('admin.audit.clear')}
        </button>
      </div>
    </form>
  );
}
