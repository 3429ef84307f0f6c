import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api/types';
import type { Language } from '../i18n/i18n';
import { useCreateUser, type UserInfo } from './api';
import { describedBy, Field, fieldProblem, ProblemAlert } from './Problem';
import { AgencySelect, LanguageSelect, LOGIN_PATTERN, MIN_PASSWORD_LENGTH, RoleSelect } from './UserFields';

interface Values {
  login: string;
  full_name: string;
  role: Role;
  agency: string;
  language: Language;
  password: string;
}

const EMPTY: Values = { login: '', full_name: '', role: 'viewer', agency: '', language: 'kk', password: '' };

/** What can be told before asking the server; the password's strength is the server's call. */
function localProblems(values: Values): Partial<Record<keyof Values, string>> {
  const problems: Partial<Record<keyof Values, string>> = {};
  if (!LOGIN_PATTERN.test(values.login.trim().toLowerCase())) problems.login = 'admin.userForm.loginRule';
  if (!values.full_name.trim()) problems.full_name = 'admin.userForm.required';
  if (values.role === 'akimat' && !values.agency) problems.agency = 'admin.userForm.agencyRequired';
  if (values.password.length < MIN_PASSWORD_LENGTH) problems.password = 'admin.userForm.passwordShort';
  return problems;
}

/** A new account; the initial password is told to the person, who may change it after signing in. */
export function UserCreateForm({ onCreated, onCancel }: { onCreated: (user: UserInfo) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const [values, setValues] = useState(EMPTY);
  const [tried, setTried] = useState(false);
  const local = localProblems(values);
  // A refusal is about what was sent; once the person edits, it no longer describes the form.
  const set = <K extends keyof Values>(name: K, value: Values[K]) => {
    if (create.error) create.reset();
    setValues({ ...values, [name]: value });
  };
  const problem = (name: keyof Values) =>
    (tried && local[name] ? t(local[name]!, { min: MIN_PASSWORD_LENGTH }) : undefined) ??
    fieldProblem(create.error, name);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (Object.keys(local).length) return;
    const created = await create
      .mutateAsync({
        login: values.login.trim().toLowerCase(),
        full_name: values.full_name.trim(),
        role: values.role,
        agency: values.role === 'akimat' ? values.agency : undefined,
        language: values.language,
        password: values.password,
      })
      .catch(() => undefined);
    if (created) onCreated(created);
  }

  const hints = {
    login: t('admin.userForm.loginHint'),
    password: t('admin.userForm.passwordHint', { min: MIN_PASSWORD_LENGTH }),
  };
  const described = (name: keyof Values, hint?: string) => describedBy(`new-user-${name}`, hint, problem(name));
  return (
    <form
      className="admin-form"
      data-testid="user-form"
      aria-labelledby="new-user-title"
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <h2 id="new-user-title">{t('admin.userForm.title')}</h2>
      <div className="admin-form-grid">
        <Field id="new-user-login" label={t('admin.users.columns.login')} hint={hints.login} problem={problem('login')}>
          <input
            id="new-user-login"
            name="login"
            autoComplete="off"
            spellCheck={false}
            value={values.login}
            aria-invalid={Boolean(problem('login')) || undefined}
            aria-describedby={described('login', hints.login)}
            onChange={(event) => set('login', event.target.value)}
          />
        </Field>
        <Field id="new-user-full_name" label={t('admin.users.columns.full_name')} problem={problem('full_name')}>
          <input
            id="new-user-full_name"
            name="full_name"
            autoComplete="off"
            value={values.full_name}
            aria-invalid={Boolean(problem('full_name')) || undefined}
            aria-describedby={described('full_name')}
            onChange={(event) => set('full_name', event.target.value)}
          />
        </Field>
        <Field id="new-user-role" label={t('admin.users.columns.role')} problem={problem('role')}>
          <RoleSelect id="new-user-role" value={values.role} onChange={(role) => set('role', role)} />
        </Field>
        {values.role === 'akimat' && (
          <Field id="new-user-agency" label={t('admin.users.columns.agency')} problem={problem('agency')}>
            <AgencySelect
              id="new-user-agency"
              value={values.agency}
              invalid={Boolean(problem('agency'))}
              describedBy={described('agency')}
              onChange={(agency) => set('agency', agency)}
            />
          </Field>
        )}
        <Field id="new-user-language" label={t('admin.users.columns.language')}>
          <LanguageSelect
            id="new-user-language"
            value={values.language}
            onChange={(language) => set('language', language)}
          />
        </Field>
        <Field
          id="new-user-password"
          label={t('admin.userForm.password')}
          hint={hints.password}
          problem={problem('password')}
        >
          <input
            id="new-user-password"
            name="password"
            type="password"
            autoComplete="new-password"
            value={values.password}
            aria-invalid={Boolean(problem('password')) || undefined}
            aria-describedby={described('password', hints.password)}
            onChange={(event) => set('password', event.target.value)}
          />
        </Field>
      </div>
      <ProblemAlert error={create.error} fields={Object.keys(EMPTY)} />
      <div className="admin-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t('common.loading') : t('admin.userForm.create')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
