import { useController } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH, userCreate } from '@oshaq/api/contract/auth';
import type { Role } from '../api/types';
import { fieldAria } from '../forms/Field';
import type { FormCheck } from '../forms/issues';
import { passwordCodes } from '../account/password-codes';
import { useContractForm } from '../forms/useContractForm';
import type { Language } from '../i18n/i18n';
import { useCreateUser, type UserInfo } from './api';
import { describedBy, Field, ProblemAlert } from './Problem';
import { AgencySelect, LanguageSelect, RoleSelect } from './UserFields';

type Values = {
  login: string;
  full_name: string;
  role: Role;
  agency: string;
  language: Language;
  password: string;
};

const EMPTY: Values = { login: '', full_name: '', role: 'viewer', agency: '', language: 'kk', password: '' };

/**
 * Checked by the API's userCreate, and by the rules its account service keeps: an agency for an
 * akimat account, and the shortest password (its strength is the server's call alone).
 */
const userCreateCheck: FormCheck<Values, typeof userCreate> = {
  schema: userCreate,
  toBody: (values) => ({
    login: values.login.trim().toLowerCase(),
    full_name: values.full_name.trim(),
    role: values.role,
    agency: values.role === 'akimat' ? values.agency : undefined,
    language: values.language,
    password: values.password,
  }),
  messages: { login: 'admin.userForm.loginRule', full_name: { required: 'admin.userForm.required' } },
  rules: (values) => ({
    ...(values.role === 'akimat' && !values.agency ? { agency: 'admin.userForm.agencyRequired' } : {}),
    ...(values.password.length < MIN_PASSWORD_LENGTH ? { password: 'admin.userForm.passwordShort' } : {}),
  }),
};

/** A new account; the initial password is told to the person, who may change it after signing in. */
export function UserCreateForm({ onCreated, onCancel }: { onCreated: (user: UserInfo) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const { form, errorOf, submitWith, failure, busy } = useContractForm({
    ...userCreateCheck,
    defaultValues: EMPTY,
    params: { min: MIN_PASSWORD_LENGTH },
    codes: passwordCodes('password'),
    clearFailureOnEdit: true,
  });
  const role = useController({ control: form.control, name: 'role' });
  const agency = useController({ control: form.control, name: 'agency' });
  const language = useController({ control: form.control, name: 'language' });
  const submit = submitWith(async (body) => onCreated(await create.mutateAsync(body)));

  const hints = {
    login: t('admin.userForm.loginHint'),
    password: t('admin.userForm.passwordHint', { min: MIN_PASSWORD_LENGTH }),
  };
  const id = (name: keyof Values) => `new-user-${name}`;
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
        <Field id={id('login')} label={t('admin.users.columns.login')} hint={hints.login} problem={errorOf('login')}>
          <input
            autoComplete="off"
            spellCheck={false}
            {...fieldAria(id('login'), errorOf('login'), hints.login)}
            {...form.register('login')}
          />
        </Field>
        <Field id={id('full_name')} label={t('admin.users.columns.full_name')} problem={errorOf('full_name')}>
          <input
            autoComplete="off"
            {...fieldAria(id('full_name'), errorOf('full_name'))}
            {...form.register('full_name')}
          />
        </Field>
        <Field id={id('role')} label={t('admin.users.columns.role')} problem={errorOf('role')}>
          <RoleSelect id={id('role')} value={role.field.value} onChange={role.field.onChange} />
        </Field>
        {role.field.value === 'akimat' && (
          <Field id={id('agency')} label={t('admin.users.columns.agency')} problem={errorOf('agency')}>
            <AgencySelect
              id={id('agency')}
              value={agency.field.value}
              invalid={Boolean(errorOf('agency'))}
              describedBy={describedBy(id('agency'), undefined, errorOf('agency'))}
              selectRef={agency.field.ref}
              onChange={agency.field.onChange}
            />
          </Field>
        )}
        <Field id={id('language')} label={t('admin.users.columns.language')}>
          <LanguageSelect id={id('language')} value={language.field.value} onChange={language.field.onChange} />
        </Field>
        <Field
          id={id('password')}
          label={t('admin.userForm.password')}
          hint={hints.password}
          problem={errorOf('password')}
        >
          <input
            type="password"
            autoComplete="new-password"
            {...fieldAria(id('password'), errorOf('password'), hints.password)}
            {...form.register('password')}
          />
        </Field>
      </div>
      <ProblemAlert error={failure} fields={Object.keys(EMPTY)} />
      <div className="admin-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('common.loading') : t('admin.userForm.create')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
