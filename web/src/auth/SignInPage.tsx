import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, request, setCsrfToken } from '../api/client';
import { sessionKey, useSession, type Session } from '../api/hooks';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { i18n, rememberLanguage, type Language } from '../i18n/i18n';
import { lockedMessage } from './throttle-message';

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

export function SignInPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const session = useSession();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const next = safeNext(search.get('next'));
  // Sent here because the server said the session ended: what the browser remembers is stale.
  const expired = search.get('expired') !== null;
  useEffect(() => {
    if (expired) client.setQueryData(sessionKey, null);
  }, [expired, client]);

  if (session.data && !expired) return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const { data } = await request<Session>('/api/session', {
        method: 'POST',
        body: { login, password },
        expectUnauthorized: true,
      });
      setCsrfToken(data.csrf_token);
      rememberLanguage(data.user.language as Language);
      await i18n.changeLanguage(data.user.language);
      client.setQueryData(sessionKey, data);
      void navigate(next, { replace: true });
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 429) setError(lockedMessage(t, failure));
      else if (failure instanceof ApiError && failure.status === 401) setError(t('auth.failed'));
      else setError(failure instanceof ApiError ? failure.detail : t('common.errors.network'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in" id="main">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1>{t('common.appName')}</h1>
        <p className="subtitle">{t('common.appTitle')}</p>
        <h2 id="sign-in-title">{t('auth.title')}</h2>
        {expired && <p role="status">{t('auth.expired')}</p>}
        <label>
          {t('auth.login')}
          <input
            name="login"
            autoComplete="username"
            value={login}
            onChange={(event) => setLogin(event.target.value)}
            required
          />
        </label>
        <label>
          {t('auth.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        </label>
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
