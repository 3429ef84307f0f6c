import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/hooks';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { useChangePassword } from './api';
import { FactorSection } from './FactorSection';
import { problemText } from './ProofFields';
import { SessionsSection } from './SessionsSection';
import { TokensSection } from './TokensSection';
import './account.css';

/** Changing one's own password: the current one first; the other sessions end (the API says so). */
function PasswordSection() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await change.mutateAsync({ current_password: current, new_password: next });
      setMessage({ ok: true, text: t('account.password.changed') });
      setCurrent('');
      setNext('');
    } catch (failure) {
      setMessage({ ok: false, text: problemText(failure, t) });
    }
  }

  return (
    <section className="account-section" aria-labelledby="account-password">
      <h2 id="account-password">{t('account.password.title')}</h2>
      <form className="account-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor="current-password">{t('account.password.current')}</label>
        <input
          id="current-password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
          required
        />
        <label htmlFor="new-password">{t('account.password.new')}</label>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(event) => setNext(event.target.value)}
          required
        />
        <p className="hint">{t('account.password.hint')}</p>
        <button type="submit" className="primary" disabled={change.isPending}>
          {t('account.password.submit')}
        </button>
      </form>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? undefined : 'error'}>
          {message.text}
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
