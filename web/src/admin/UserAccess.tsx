import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH, userPatch } from '@oshaq/api/contract/auth';
import { fieldAria } from '../forms/Field';
import type { FormCheck } from '../forms/issues';
import { passwordCodes } from '../account/password-codes';
import { useContractForm } from '../forms/useContractForm';
import { useEndSessions, usePatchUser, type UserInfo } from './api';
import { Field, ProblemAlert } from './Problem';

/** A reset is a patch of the password alone, no shorter than the API takes (its strength is the API's call). */
const passwordResetCheck: FormCheck<{ new_password: string }, typeof userPatch> = {
  schema: userPatch,
  toBody: (values) => ({ password: values.new_password }),
  bodyToField: { password: 'new_password' },
  rules: (values) =>
    values.new_password.length < MIN_PASSWORD_LENGTH ? { new_password: 'admin.userForm.passwordShort' } : {},
};

/**
 * Who may get in: active or not, a password reset, ending sessions. Each action has its own request
 * state, so a refused password does not show up as a failed deactivation. None of these asks for
 * confirmation: each is undone by the opposite action, and the audit trail records who did it.
 */
export function UserAccess({ user, self }: { user: UserInfo; self: boolean }) {
  const { t } = useTranslation();
  const activation = usePatchUser();
  const reset = usePatchUser();
  const endSessions = useEndSessions();
  const [wasReset, setWasReset] = useState(false);
  const { form, errorOf, submitWith, failure, busy } = useContractForm({
    ...passwordResetCheck,
    defaultValues: { new_password: '' },
    params: { min: MIN_PASSWORD_LENGTH },
    codes: passwordCodes('new_password'),
    clearFailureOnEdit: true,
  });
  const passwordProblem = errorOf('new_password');
  const passwordHint = t('admin.userEditor.resetHint', { min: MIN_PASSWORD_LENGTH });

  const resetPassword = submitWith(async (body) => {
    setWasReset(false);
    await reset.mutateAsync({ id: user.id, patch: body });
    form.reset();
    setWasReset(true);
  });

  return (
    <div className="admin-access">
      <section aria-labelledby="user-active-title">
        <h3 id="user-active-title">{t('admin.userEditor.access')}</h3>
        <p data-testid="user-active-state">
          {user.active ? t('admin.users.active') : t('admin.users.inactive')}
          {'. '}
          {user.active ? t('admin.userEditor.deactivateHint') : t('admin.userEditor.activateHint')}
        </p>
        {self && <p className="hint">{t('admin.userEditor.selfAccess')}</p>}
        <button
          type="button"
          className={user.active ? 'danger' : 'primary'}
          data-action={user.active ? 'deactivate' : 'activate'}
          disabled={self || activation.isPending}
          onClick={() => activation.mutate({ id: user.id, patch: { active: !user.active } })}
        >
          {user.active ? t('admin.userEditor.deactivate') : t('admin.userEditor.activate')}
        </button>
        <ProblemAlert error={activation.error} />
      </section>

      <form
        className="admin-form"
        aria-labelledby="user-password-title"
        onSubmit={(event) => void resetPassword(event)}
        noValidate
      >
        <h3 id="user-password-title">{t('admin.userEditor.password')}</h3>
        <Field
          id="reset-password"
          label={t('admin.userEditor.newPassword')}
          hint={passwordHint}
          problem={passwordProblem}
        >
          <input
            type="password"
            autoComplete="new-password"
            disabled={self}
            {...fieldAria('reset-password', passwordProblem, passwordHint)}
            {...form.register('new_password', { onChange: () => setWasReset(false) })}
          />
        </Field>
        <ProblemAlert error={failure} fields={['password']} />
        {wasReset && (
          <p role="status" className="admin-notice">
            {t('admin.userEditor.passwordReset')}
          </p>
        )}
        <button type="submit" data-action="reset-password" disabled={self || busy}>
          {t('admin.userEditor.resetPassword')}
        </button>
      </form>

      <section aria-labelledby="user-sessions-title">
        <h3 id="user-sessions-title">{t('admin.userEditor.sessions')}</h3>
        <p className="hint" id="end-sessions-hint">
          {t('admin.userEditor.endSessionsHint')}
        </p>
        <button
          type="button"
          data-action="end-sessions"
          aria-describedby="end-sessions-hint"
          disabled={self || endSessions.isPending}
          onClick={() => endSessions.mutate(user.id)}
        >
          {t('admin.userEditor.endSessions')}
        </button>
        {endSessions.data && (
          <p role="status" className="admin-notice">
            {t('admin.userEditor.sessionsEnded', { count: endSessions.data.ended })}
          </p>
        )}
        <ProblemAlert error={endSessions.error} />
      </section>
    </div>
  );
}
