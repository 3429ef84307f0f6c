import { useTranslation } from 'react-i18next';
import { useConfig } from '../api/hooks';
import { formatDateTime } from '../i18n/i18n';
import { useMySessions } from './api';
import { EndOtherSessions } from './EndOtherSessions';

/** The person's live sessions: how each was established, when, from where — so a stranger's stands out. */
export function SessionsSection() {
  const { t } = useTranslation();
  const timeZone = useConfig().data?.time_zone ?? 'Asia/Almaty';
  const sessions = useMySessions();
  return (
    <section className="account-section" aria-labelledby="account-sessions" data-testid="account-sessions">
      <h2 id="account-sessions">{t('account.sessions.title')}</h2>
      {!sessions.data ? (
        <p>{t('common.loading')}</p>
      ) : (
        <table className="account-table">
          <thead>
            <tr>
              <th scope="col">{t('account.sessions.method')}</th>
              <th scope="col">{t('account.sessions.started')}</th>
              <th scope="col">{t('account.sessions.lastSeen')}</th>
              <th scope="col">{t('account.sessions.from')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.data.map((session) => (
              <tr key={session.created_at + (session.ip ?? '')} data-current={session.current || undefined}>
                <td data-testid="session-method">
                  {t(`account.sessions.methods.${session.auth_method}`)}
                  {session.current && <strong> ({t('account.sessions.current')})</strong>}
                </td>
                <td>{formatDateTime(session.created_at, timeZone)}</td>
                <td>{formatDateTime(session.last_seen_at, timeZone)}</td>
                <td>
                  {session.ip ?? '—'}
                  {session.user_agent && <div className="hint">{session.user_agent}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {sessions.data && <EndOtherSessions others={sessions.data.filter((session) => !session.current).length} />}
    </section>
  );
}
