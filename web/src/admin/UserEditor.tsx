import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api/types';
import type { Language } from '../i18n/i18n';
import { usePatchUser, type UserInfo, type UserPatch } from './api';
import { describedBy, Field, fieldProblem, ProblemAlert } from './Problem';
import { UserAccess } from './UserAccess';
import { AdminFactorReset } from '../account/AdminFactorReset';
import { AgencySelect, LanguageSelect, RoleSelect } from './UserFields';

interface Values {
  full_name: string;
  role: Role;
  agency: string;
  language: Language;
}

const valuesOf = (user: UserInfo): Values => ({
  full_name: user.full_name,
  role: user.role,
  agency: user.agency ?? '',
  language: user.language,
});

/** Only what changed is sent, so the audit entry says exactly what the administrator changed. */
function changes(user: UserInfo, values: Values): UserPatch {
  const patch: UserPatch = {};
  const before = valuesOf(user);
  if (values.full_name.trim() !== before.full_name) patch.full_name = values.full_name.trim();
  if (values.role !== before.role) patch.role = values.role;
  if (values.language !== before.language) patch.language = values.language;
  // Only akimat accounts act for an agency; another role keeps none, so a stale one cannot linger.
  const agency = values.role === 'akimat' ? values.agency : '';
  if (agency !== before.agency) patch.agency = agency || null;
  return patch;
}

/**
 * One account: its details, then access (active, password, sessions). The administrator's own role
 * cannot be changed here: a slip would lock them out, and the change would end their own session.
 */
export function UserEditor({ user, self, onClose }: { user: UserInfo; self: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const patch = usePatchUser();
  const [values, setValues] = useState(() => valuesOf(user));
  const [saved, setSaved] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening an account moves the focus to it, so keyboard and screen-reader users land where it opened.
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const set = <K extends keyof Values>(name: K, value: Values[K]) => {
    setSaved(false);
    if (patch.error) patch.reset();
    setValues({ ...values, [name]: value });
  };
  const diff = changes(user, values);
  const local = {
    full_name: values.full_name.trim() ? undefined : t('admin.userForm.required'),
    agency: values.role === 'akimat' && !values.agency ? t('admin.userForm.agencyRequired') : undefined,
  };
  const problem = (name: keyof Values) =>
    (name === 'full_name' || name === 'agency' ? local[name] : undefined) ?? fieldProblem(patch.error, name);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (local.full_name || local.agency || !Object.keys(diff).length) return;
    const done = await patch.mutateAsync({ id: user.id, patch: diff }).catch(() => undefined);
    if (done) setSaved(true);
  }

  const roleHint = self ? t('admin.userEditor.selfRole') : t('admin.userEditor.roleHint');
  return (
    <section className="admin-editor" data-testid="user-editor" aria-labelledby="user-editor-title">
      <div className="admin-editor-head">
        <h2 id="user-editor-title" ref={heading} tabIndex={-1}>
          {t('admin.userEditor.title', { login: user.login })}
        </h2>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <form
        className="admin-form"
        data-testid="user-edit-form"
        aria-label={t('admin.userEditor.details')}
        onSubmit={(event) => void submit(event)}
        noValidate
      >
        <div className="admin-form-grid">
          <Field id="edit-user-full_name" label={t('admin.users.columns.full_name')} problem={problem('full_name')}>
            <input
              id="edit-user-full_name"
              name="full_name"
              value={values.full_name}
              aria-invalid={Boolean(problem('full_name')) || undefined}
              aria-describedby={describedBy('edit-user-full_name', undefined, problem('full_name'))}
              onChange={(event) => set('full_name', event.target.value)}
            />
          </Field>
          <Field id="edit-user-role" label={t('admin.users.columns.role')} hint={roleHint} problem={problem('role')}>
            <RoleSelect
              id="edit-user-role"
              value={values.role}
              disabled={self}
              describedBy={describedBy('edit-user-role', roleHint, problem('role'))}
              onChange={(role) => set('role', role)}
            />
          </Field>
          {values.role === 'akimat' && (
            <Field id="edit-user-agency" label={t('admin.users.columns.agency')} problem={problem('agency')}>
              <AgencySelect
                id="edit-user-agency"
                value={values.agency}
                invalid={Boolean(problem('agency'))}
                describedBy={describedBy('edit-user-agency', undefined, problem('agency'))}
                onChange={(agency) => set('agency', agency)}
              />
            </Field>
          )}
          <Field id="edit-user-language" label={t('admin.users.columns.language')}>
            <LanguageSelect
              id="edit-user-language"
              value={values.language}
              onChange={(language) => set('language', language)}
            />
          </Field>
        </div>
        <ProblemAlert error={patch.error} fields={['full_name', 'role', 'agency', 'language']} />
        {saved && (
          <p role="status" className="admin-notice">
            {t('admin.userEditor.saved')}
          </p>
        )}
        <div className="admin-actions">
          <button
            type="submit"
            className="primary"
            disabled={patch.isPending || !Object.keys(diff).length}
            data-action="save-user"
          >
            {patch.isPending ? t('common.loading') : t('common.save')}
          </button>
        </div>
      </form>
      <UserAccess user={user} self={self} />
      <AdminFactorReset user={user} />
    </section>
  );
}
