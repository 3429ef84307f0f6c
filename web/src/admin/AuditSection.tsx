import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { queryString } from '../api/client';
import { useConfig } from '../api/hooks';
import { formatDateTime } from '../i18n/i18n';
import { AUDIT_CSV_LIMIT, auditCsvParams, useAudit, useUsers, type AuditEntry } from './api';
import { AUDIT_ACTIONS, AUDIT_FIELDS } from './audit-actions';
import { auditChanges, fullJson } from './audit-changes';
import { AuditFilterForm, ENTITY_LABELS, readAuditFilters } from './AuditFilterForm';
import { ProblemAlert } from './Problem';

/** At most this many changed fields are listed in a row; the rest are in the full entry. */
const SHOWN_CHANGES = 5;

function Changes({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const changes = auditChanges(entry.before, entry.after);
  if (!changes.length && entry.before == null && entry.after == null) return <>{t('common.none')}</>;
  return (
    <>
      <ul className="admin-changes">
        {changes.slice(0, SHOWN_CHANGES).map((change) => (
          <li key={change.field}>
            {/* A field the page knows is named in words; values are shown as recorded. */}
            {change.field && (
              <span className="field">
                {AUDIT_FIELDS[change.field] ? t(AUDIT_FIELDS[change.field]!) : <code>{change.field}</code>}:{' '}
              </span>
            )}
            {change.before !== undefined && (
              <del>
                <code>{change.before}</code>
              </del>
            )}
            {change.before !== undefined && change.after !== undefined && ' → '}
            {change.after !== undefined && (
              <ins>
                <code>{change.after}</code>
              </ins>
            )}
          </li>
        ))}
      </ul>
      <details className="admin-entry">
        <summary>
          {changes.length > SHOWN_CHANGES
            ? t('admin.audit.more', { count: changes.length - SHOWN_CHANGES })
            : t('admin.audit.full')}
        </summary>
        <div className="admin-entry-json">
          <div>
            <strong>{t('admin.audit.before')}</strong>
            <pre>{fullJson(entry.before)}</pre>
          </div>
          <div>
            <strong>{t('admin.audit.after')}</strong>
            <pre>{fullJson(entry.after)}</pre>
          </div>
        </div>
      </details>
    </>
  );
}

/**
 * The audit trail, newest first, with its filters in the URL (a view can be shared, and back
 * undoes a filter). Pages follow the API's keyset: "older" asks for rows before the last id shown.
 */
export function AuditSection() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const filters = useMemo(() => readAuditFilters(new URLSearchParams(search)), [search]);
  const audit = useAudit(filters);
  const users = useUsers();
  const config = useConfig();
  const timeZone = config.data?.time_zone;
  const rows = audit.data?.pages.flat() ?? [];
  const login = (id: string | null) => users.data?.find((user) => String(user.id) === id)?.login;
  const csv = `/api/audit.csv${queryString(auditCsvParams(filters))}`;

  return (
    <section className="admin-section" aria-labelledby="audit-title">
      <div className="admin-section-head">
        <h2 id="audit-title">{t('admin.audit.title')}</h2>
        <a className="admin-download" href={csv} download data-testid="audit-csv">
          {t('admin.audit.csv')}
        </a>
      </div>
      <p className="hint">{t('admin.audit.csvHint', { limit: AUDIT_CSV_LIMIT })}</p>
      <AuditFilterForm filters={filters} onApply={(next) => setParams(next as Record<string, string>)} />
      {audit.isPending && <p className="loading">{t('common.loading')}</p>}
      <ProblemAlert error={audit.error} />
      {audit.data && (
        <div className="admin-table-wrap">
          <table className="admin-table admin-audit" data-testid="audit-table">
            <caption>{t('admin.audit.shown', { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.columns.at')}</th>
                <th scope="col">{t('admin.audit.columns.who')}</th>
                <th scope="col">{t('admin.audit.columns.action')}</th>
                <th scope="col">{t('admin.audit.columns.entity')}</th>
                <th scope="col">{t('admin.audit.columns.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((entry) => (
                <tr key={entry.id} data-action-code={entry.action}>
                  <th scope="row" className="nowrap">
                    <time dateTime={entry.at}>{timeZone ? formatDateTime(entry.at, timeZone) : entry.at}</time>
                  </th>
                  <td>
                    {entry.actor}
                    {entry.ip && <span className="hint block">{entry.ip}</span>}
                  </td>
                  <td>{AUDIT_ACTIONS[entry.action] ? t(AUDIT_ACTIONS[entry.action]!) : entry.action}</td>
                  <td>
                    {entry.entity ? (ENTITY_LABELS[entry.entity] ? t(ENTITY_LABELS[entry.entity]!) : entry.entity) : ''}
                    {entry.entity_id && (
                      <span className="block code">
                        {entry.entity === 'hotspot' ? (
                          <Link to={`/?period=all&h=${encodeURIComponent(entry.entity_id)}`}>
                            {entry.hotspot_reference ?? entry.entity_id}
                          </Link>
                        ) : entry.entity === 'user' && login(entry.entity_id) ? (
                          `${login(entry.entity_id)} (#${entry.entity_id})`
                        ) : (
                          entry.entity_id
                        )}
                      </span>
                    )}
                    {!entry.entity && !entry.entity_id && t('common.none')}
                  </td>
                  <td>
                    <Changes entry={entry} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {audit.data && !rows.length && <p>{t('admin.audit.empty')}</p>}
      {audit.hasNextPage && (
        <button
          type="button"
          data-action="older"
          disabled={audit.isFetchingNextPage}
          onClick={() => void audit.fetchNextPage()}
        >
          {audit.isFetchingNextPage ? t('common.loading') : t('admin.audit.older')}
        </button>
      )}
      {audit.data && rows.length > 0 && !audit.hasNextPage && <p className="hint">{t('admin.audit.end')}</p>}
    </section>
  );
}
