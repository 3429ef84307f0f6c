import { useEffect, useRef, useState } from 'react';
import { useController } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { userPatch } from '@oshaq/api/contract/auth';
import type { Role } from '../api/types';
import { fieldAria } from '../forms/Field';
import type { FormCheck } from '../forms/issues';
import { useContractForm } from '../forms/useContractForm';
import type { Language } from '../i18n/i18n';
import { usePatchUser, type UserInfo, type UserPatch } from './api';
import { describedBy, Field, ProblemAlert } from './Problem';
import { UserAccess } from './UserAccess';
import { AdminFactorReset } from '../account/AdminFactorReset';
import { AgencySelect, LanguageSelect, RoleSelect } from './UserFields';

type Values = {
  full_name: string;
  role: Role;
  agency: string;
  language: Language;
};

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

/** Checked by the API's userPatch, and by its rule that an akimat account acts for an agency. */
function userEditCheck(user: UserInfo): FormCheck<Values, typeof userPatch> {
  return {
    schema: userPatch,
    toBody: (values) => changes(user, values),
    messages: { full_name: { required: 'admin.userForm.required' } },
    rules: (values) => (values.role === 'akimat' && !values.agency ? { agency: 'admin.userForm.agencyRequired' } : {}),
  };
}

/**
 * One account: its details, then access (active, password, sessions). The administrator's own role
 * cannot be changed here: a slip would lock them out, and the change would end their own session.
 */
export function UserEditor({ user, self, onClose }: { user: UserInfo; self: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const patch = usePatchUser();
  const [defaultValues] = useState(() => valuesOf(user));
  const { form, errorOf, submitWith, failure, busy } = useContractForm({
    ...userEditCheck(user),
    defaultValues,
    mode: 'onChange',
    clearFailureOnEdit: true,
  });
  const [saved, setSaved] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening an account moves the focus to it, so keyboard and screen-reader users land where it opened.
  useEffect(() => {
    heading.current?.focus();
  }, []);
  useEffect(() => {
    const subscription = form.watch(() => setSaved(false));
    return () => subscription.unsubscribe();
  }, [form]);
  const role = useController({ control: form.control, name: 'role' });
  const agency = useController({ control: form.control, name: 'agency' });
  const language = useController({ control: form.control, name: 'language' });
  const diff = changes(user, form.watch());

  const submit = submitWith(async (body) => {
    await patch.mutateAsync({ id: user.id, patch: body });
    setSaved(true);
  });

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
          <Field id="edit-user-full_name" label={t('admin.users.columns.full_name')} problem={errorOf('full_name')}>
            <input {...fieldAria('edit-user-full_name', errorOf('full_name'))} {...form.register('full_name')} />
          </Field>
          <Field id="edit-user-role" label={t('admin.users.columns.role')} hint={roleHint} problem={errorOf('role')}>
            <RoleSelect
              id="edit-user-role"
              value={role.field.value}
              disabled={self}
              describedBy={describedBy('edit-user-role', roleHint, errorOf('role'))}
              onChange={(value) => {
                role.field.onChange(value);
                // An akimat account needs an agency: say so as soon as the role asks for one.
                void form.trigger('agency');
              }}
            />
          </Field>
          {role.field.value === 'akimat' && (
            <Field id="edit-user-agency" label={t('admin.users.columns.agency')} problem={errorOf('agency')}>
              <AgencySelect
                id="edit-user-agency"
                value={agency.field.value}
                invalid={Boolean(errorOf('agency'))}
                describedBy={describedBy('edit-user-agency', undefined, errorOf('agency'))}
                selectRef={agency.field.ref}
                onChange={agency.field.onChange}
              />
            </Field>
          )}
          <Field id="edit-user-language" label={t('admin.users.columns.language')}>
            <LanguageSelect id="edit-user-language" value={language.field.value} onChange={language.field.onChange} />
          </Field>
        </div>
        <ProblemAlert error={failure} fields={['full_name', 'role', 'agency', 'language']} />
        {saved && (
          <p role="status" className="admin-notice">
            {t('admin.userEditor.saved')}
          </p>
        )}
        <div className="admin-actions">
          <button
            type="submit"
            className="primary"
            disabled={busy || !Object.keys(diff).length}
            data-action="save-user"
          >
            {busy ? t('common.loading') : t('common.save')}
          </button>
        </div>
      </form>
      <UserAccess user={user} self={self} />
      <AdminFactorReset user={user} />
    </section>
  );
}
