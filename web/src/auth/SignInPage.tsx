import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { signInRequest } from '@oshaq/api/contract/auth';
import { ApiError, request, setCsrfToken } from '../api/client';
import { kindWords } from '../api/problem-words';
import { sessionKey, useSession, type Session } from '../api/hooks';
import type { MfaChallenge, MfaSignedIn } from '../account/api';
import { RecoveryCodes } from '../account/RecoveryCodes';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { FieldProblem, fieldAria } from '../forms/Field';
import { useContractForm } from '../forms/useContractForm';
import { i18n, rememberLanguage, type Language } from '../i18n/i18n';
import { SecondFactorStep } from './SecondFactorStep';
import { lockedMessage } from './throttle-message';
import './sign-in.css';

/**
 * Only same-app paths are followed after sign-in, so a link cannot send someone elsewhere. Browsers
 * read '\\' as '/', so '/\\host' is another site: the resolved origin decides, not the first characters.
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/')) return '/';
  const base = 'http://oshaq.invalid';
  const resolved = new URL(next, base);
  return resolved.origin === base ? resolved.pathname + resolved.search + resolved.hash : '/';
}

/** What to tell a person whose sign-in was refused. */
function refusal(failure: unknown, t: TFunction): string {
  if (failure instanceof ApiError && failure.status === 429) return lockedMessage(t, failure);
  if (failure instanceof ApiError && failure.status === 401) return t('auth.failed');
  // Another refusal (a body too large, the database away): its kind in the person's words, not the API's English.
  return failure instanceof ApiError ? (kindWords(failure.body.type, t) ?? failure.detail) : t('common.errors.network');
}

export function SignInPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const session = useSession();
  // Checked by the API's signInRequest: an empty login or password is told beside its field.
  const { form, errorOf, submitWith, failure, busy, clearFailure } = useContractForm({
    schema: signInRequest,
    toBody: (values: { login: string; password: string }) => values,
    defaultValues: { login: '', password: '' },
  });
  // Why the second step sent the person back here (its time ran out, too many wrong codes).
  const [restartMessage, setRestartMessage] = useState('');
  // After a right password: the second step, when the account has (or must add) a second factor.
  const [pending, setPending] = useState<MfaChallenge | null>(null);
  // After enrolling: the session waits until the person says the recovery codes are saved.
  const [enrolled, setEnrolled] = useState<MfaSignedIn | null>(null);
  const next = safeNext(search.get('next'));
  // Sent here because the server said the session ended: what the browser remembers is stale.
  const expired = search.get('expired') !== null;
  useEffect(() => {
    if (expired) client.setQueryData(sessionKey, null);
  }, [expired, client]);

  // Mid-way through the second step the session may already exist (a refetch finds it): stay here.
  if (session.data && !expired && !pending && !enrolled) return <Navigate to={next} replace />;

  async function finish(data: Session) {
    setCsrfToken(data.csrf_token);
    rememberLanguage(data.user.language as Language);
    await i18n.changeLanguage(data.user.language);
    client.setQueryData(sessionKey, data);
    void navigate(next, { replace: true });
  }

  const submit = submitWith(async (body) => {
    setRestartMessage('');
    const { data } = await request<Session | MfaChallenge>('/api/session', {
      method: 'POST',
      body,
      expectUnauthorized: true,
    });
    form.resetField('password');
    if ('mfa' in data) setPending(data);
    else await finish(data);
  });
  const error = failure !== undefined ? refusal(failure, t) : restartMessage;

  const heading = (
    <>
      <h1>{t('common.appName')}</h1>
      <p className="subtitle">{t('common.appTitle')}</p>
    </>
  );
  if (enrolled?.recovery_codes) {
    const codes = enrolled.recovery_codes;
    return (
      <main className="sign-in" id="main">
        <section className="sign-in-card" aria-labelledby="recovery-title">
          {heading}
          <h2 id="recovery-title">{t('auth.mfa.recoveryTitle')}</h2>
          <RecoveryCodes codes={codes} onDone={() => void finish(enrolled)} />
        </section>
      </main>
    );
  }
  if (pending) {
    return (
      <main className="sign-in" id="main">
        <div className="sign-in-card">
          {heading}
          <SecondFactorStep
            pending={pending}
            onSignedIn={(signedIn) => {
              if (signedIn.recovery_codes) setEnrolled(signedIn);
              else void finish(signedIn);
            }}
            onRestart={(message) => {
              setPending(null);
              clearFailure();
              setRestartMessage(message);
            }}
          />
          <LanguageSwitch />
        </div>
      </main>
    );
  }

  return (
    <main className="sign-in" id="main">
      <form onSubmit={(event) => void submit(event)} aria-labelledby="sign-in-title" noValidate>
        <h1>{t('common.appName')}</h1>
        <p className="subtitle">{t('common.appTitle')}</p>
        <h2 id="sign-in-title">{t('auth.title')}</h2>
        {expired && <p role="status">{t('auth.expired')}</p>}
        <label>
          {t('auth.login')}
          <input
            autoComplete="username"
            {...fieldAria('sign-in-login', errorOf('login'))}
            {...form.register('login')}
          />
        </label>
        <FieldProblem id="sign-in-login" problem={errorOf('login')} />
        <label>
          {t('auth.password')}
          <input
            type="password"
            autoComplete="current-password"
            {...fieldAria('sign-in-password', errorOf('password'))}
            {...form.register('password')}
          />
        </label>
        <FieldProblem id="sign-in-password" problem={errorOf('password')} />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('auth.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
