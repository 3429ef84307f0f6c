import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies, useConfig, useSession } from '../api/hooks';
import { compareText, formatDateTime } from '../i18n/i18n';
import { localName } from '../i18n/names';
import { useUsers, type UserInfo } from './api';
import { ProblemAlert } from './Problem';
import { UserCreateForm } from './UserCreateForm';
import { UserEditor } from './UserEditor';

/** Accounts by full name in the interface's alphabet (Kazakh letters in their places), then by login. */
function byName(a: UserInfo, b: UserInfo): number {
  return compareText(a.full_name, b.full_name) || compareText(a.login, b.login);
}

export function UsersSection() {
  const { t, i18n } = useTranslation();
  const users = useUsers();
  const agencies = useAgencies();
  const config = useConfig();
  const session = useSession();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<number>();
  const [created, setCreated] = useState<string>();
  const language = i18n.language;
  // Sorted on every render: compareText follows the interface's language, and the lists are short.
  const rows = [...(users.data ?? [])].sort(byName);
  const editedUser = rows.find((user) => user.id === editing);
  const timeZone = config.data?.time_zone;
  const agencyName = (code: string | null) => {
    if (!code) return t('common.none');
    return (
      localName(
        agencies.data?.find((agency) => agency.code === code),
        language,
      ) || code
    );
  };

  return (
    <section className="admin-section" aria-labelledby="users-title">
      <div className="admin-section-head">
        <h2 id="users-title">{t('admin.users.title')}</h2>
        {!creating && (
          <button
            type="button"
            className="primary"
            data-action="new-user"
            onClick={() => {
              setCreated(undefined);
              setCreating(true);
            }}
          >
            {t('admin.users.new')}
          </button>
        )}
      </div>
      {created && (
        <p role="status" className="admin-notice">
          {t('admin.users.created', { login: created })}
        </p>
      )}
      {creating && (
        <UserCreateForm
          onCancel={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            setCreated(user.login);
          }}
        />
      )}
      {users.isPending && <p className="loading">{t('common.loading')}</p>}
      <ProblemAlert error={users.error} />
      {users.data && (
        <div className="admin-table-wrap">
          <table className="admin-table" data-testid="users-table">
            <caption>{t('admin.users.count', { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.users.columns.full_name')}</th>
                <th scope="col">{t('admin.users.columns.login')}</th>
                <th scope="col">{t('admin.users.columns.role')}</th>
                <th scope="col">{t('admin.users.columns.agency')}</th>
                <th scope="col">{t('admin.users.columns.language')}</th>
                <th scope="col">{t('admin.users.columns.active')}</th>
                <th scope="col">{t('account.adminReset.title')}</th>
                <th scope="col">{t('admin.users.columns.created')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((user) => (
                <tr
                  key={user.id}
                  data-login={user.login}
                  data-active={user.active}
                  className={user.active ? undefined : 'inactive'}
                  aria-current={user.id === editing || undefined}
                >
                  <th scope="row">
                    {user.full_name}
                    {user.id === session.data?.user.id && <span className="hint"> {t('admin.users.you')}</span>}
                  </th>
                  <td className="code">{user.login}</td>
                  <td>{t(`common.role.${user.role}`)}</td>
                  <td>{agencyName(user.agency)}</td>
                  <td>{t(`common.languages.${user.language}`)}</td>
                  <td>{user.active ? t('admin.users.active') : t('admin.users.inactive')}</td>
                  <td data-testid="user-mfa">
                    {user.mfa_enrolled ? t('account.adminReset.enrolled') : t('account.adminReset.none')}
                  </td>
                  <td>{timeZone ? formatDateTime(user.created_at, timeZone) : user.created_at}</td>
                  <td>
                    <button
                      type="button"
                      data-action="edit"
                      aria-expanded={user.id === editing}
                      aria-label={t('admin.users.editOne', { name: user.full_name, login: user.login })}
                      onClick={() => setEditing(user.id === editing ? undefined : user.id)}
                    >
                      {t('admin.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editedUser && (
        <UserEditor
          key={editedUser.id}
          user={editedUser}
          self={editedUser.id === session.data?.user.id}
          onClose={() => setEditing(undefined)}
        />
      )}
    </section>
  );
}
