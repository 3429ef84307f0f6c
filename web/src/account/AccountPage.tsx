import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH, passwordChange } from '@oshaq/api/contract/auth';
import { FieldProblem, fieldAria } from '../forms/Field';
import type { FormCheck } from '../forms/issues';
import { passwordCodes } from './password-codes';
import { useContractForm } from '../forms/useContractForm';
import { useSession } from '../api/hooks';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { useChangePassword } from './api';
import { FactorSection } from './FactorSection';
import { fieldText, problemText } from './ProofFields';
import { SessionsSection } from './SessionsSection';
import { TokensSection } from './TokensSection';
import './account.css';

type PasswordValues = { current_password: string; new_password: string };

/** Checked by the API's passwordChange, and its shortest password (strength is the server's call). */
export const passwordChangeCheck: FormCheck<PasswordValues, typeof passwordChange> = {
  schema: passwordChange,
  toBody: (values) => values,
  rules: (values) =>
    values.new_password.length < MIN_PASSWORD_LENGTH ? { new_password: 'admin.userForm.passwordShort' } : {},
};

/** Changing one's own password: the current one first; the other sessions end (the API says so). */
function PasswordSection() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [changed, setChanged] = useState(false);
  const { form, errorOf, submitWith, failure, placed, busy } = useContractForm({
    ...passwordChangeCheck,
    defaultValues: { current_password: '', new_password: '' },
    params: { min: MIN_PASSWORD_LENGTH },
    codes: passwordCodes('new_password'),
    serverText: (field, message) => fieldText(field, message, t),
    clearFailureOnEdit: true,
  });
  const submit = submitWith(async (body) => {
    setChanged(false);
    await change.mutateAsync(body);
    form.reset();
    setChanged(true);
  });
  const input = (name: keyof PasswordValues, id: string, label: string, autoComplete: string) => (
    <>
      <label htmlFor={id}>{label}</label>
      <input type="password" autoComplete={autoComplete} {...fieldAria(id, errorOf(name))} {...form.register(name)} />
      <FieldProblem id={id} problem={errorOf(name)} />
    </>
  );

  return (
    <section className="account-section" aria-labelledby="account-password">
      <h2 id="account-password">{t('account.password.title')}</h2>
      <form className="account-form" onSubmit={(event) => void submit(event)} noValidate>
        {input('current_password', 'current-password', t('account.password.current'), 'current-password')}
        {input('new_password', 'new-password', t('account.password.new'), 'new-password')}
        <p className="hint">{t('account.password.hint')}</p>
        <button type="submit" className="primary" disabled={busy}>
          {t('account.password.submit')}
        </button>
      </form>
      {changed && <p role="status">{t('account.password.changed')}</p>}
      {failure !== undefined && !placed.length && (
        <p role="alert" className="error">
          {problemText(failure, t)}
        </p>
      )}
    </section>
  );
}

/** The person's own account: language, password, second factor, sessions and API tokens. */
export default function AccountPage() {
  const { t } = useTranslation();
  const user = useSession().data?.user;
  return (
    <div className="account-page">
      <h1>{t('account.title')}</h1>
      {user && <p>{t('common.signedInAs', { name: user.full_name, role: t(`common.role.${user.role}`) })}</p>}
      <section className="account-section" aria-labelledby="account-language">
        <h2 id="account-language">{t('account.language')}</h2>
        <LanguageSwitch />
      </section>
      <PasswordSection />
      <FactorSection />
      <SessionsSection />
      <TokensSection />
    </div>
  );
}
