import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../api/client';
import { EnrolmentCard } from '../account/EnrolmentCard';
import type { MfaChallenge, MfaSignedIn } from '../account/api';

/** How a refused code is worded, from the problem's stable code. */
function refusal(failure: unknown, t: (key: string) => string): { message: string; over: boolean } {
  if (!(failure instanceof ApiError)) return { message: t('common.errors.network'), over: false };
  const code = failure.body.code;
  if (failure.status === 429) return { message: t('auth.mfa.locked'), over: true };
  if (code === 'mfa_sign_in_over') return { message: t('auth.mfa.over'), over: true };
  if (failure.status === 401) return { message: t('auth.mfa.wrong'), over: false };
  return { message: failure.detail, over: false };
}

/**
 * The second step of sign-in: the code of the authenticator app (or a recovery code); or, for a
 * person whose role needs a factor and who has none, adding the app and confirming its first code.
 */
export function SecondFactorStep({
  pending,
  onSignedIn,
  onRestart,
}: {
  pending: MfaChallenge;
  onSignedIn: (session: MfaSignedIn) => void;
  onRestart: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const enrolling = pending.mfa === 'enrol';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const { data } = await request<MfaSignedIn>('/api/session/mfa', {
        method: 'POST',
        body: { challenge: pending.challenge, code },
        expectUnauthorized: true,
      });
      onSignedIn(data);
    } catch (failure) {
      const { message, over } = refusal(failure, t);
      if (over) onRestart(message);
      else setError(message);
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="mfa-title" data-testid="mfa-step">
      <h2 id="mfa-title">{enrolling ? t('auth.mfa.enrolTitle') : t('auth.mfa.title')}</h2>
      {enrolling && pending.enrolment && (
        <>
          <p>{t('auth.mfa.enrolIntro')}</p>
          <EnrolmentCard enrolment={pending.enrolment} />
        </>
      )}
      <label>
        {recovery ? t('auth.mfa.recoveryCode') : enrolling ? t('auth.mfa.confirmCode') : t('auth.mfa.code')}
        <input
          name="code"
          // A recovery code has letters; an app's code is six digits the phone keyboard can offer.
          autoComplete={recovery ? 'off' : 'one-time-code'}
          inputMode={recovery ? 'text' : 'numeric'}
          pattern={recovery ? undefined : '[0-9 ]*'}
          maxLength={recovery ? 20 : 7}
          spellCheck={false}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          required
          autoFocus
        />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {enrolling ? t('auth.mfa.confirm') : t('auth.mfa.submit')}
      </button>
      {!enrolling && (
        <button
          type="button"
          className="link"
          data-action="toggle-recovery"
          onClick={() => {
            setRecovery(!recovery);
            setCode('');
            setError('');
          }}
        >
          {recovery ? t('auth.mfa.useApp') : t('auth.mfa.useRecovery')}
        </button>
      )}
      <button type="button" className="link" onClick={() => onRestart('')}>
        {t('auth.mfa.back')}
      </button>
    </form>
  );
}
