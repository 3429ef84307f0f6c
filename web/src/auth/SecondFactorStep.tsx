import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mfaAnswer } from '@oshaq/api/contract/mfa';
import { ApiError, request } from '../api/client';
import { kindWords } from '../api/problem-words';
import { FieldProblem, fieldAria } from '../forms/Field';
import { useContractForm } from '../forms/useContractForm';
import { EnrolmentCard } from '../account/EnrolmentCard';
import type { MfaChallenge, MfaSignedIn } from '../account/api';

/** How a refused code is worded, from the problem's stable code. */
function refusal(failure: unknown, t: (key: string) => string): { message: string; over: boolean } {
  if (!(failure instanceof ApiError)) return { message: t('common.errors.network'), over: false };
  const code = failure.body.code;
  if (failure.status === 429) return { message: t('auth.mfa.locked'), over: true };
  if (code === 'mfa_sign_in_over') return { message: t('auth.mfa.over'), over: true };
  if (failure.status === 401) return { message: t('auth.mfa.wrong'), over: false };
  return { message: kindWords(failure.body.type, t) ?? failure.detail, over: false };
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
  const [recovery, setRecovery] = useState(false);
  const enrolling = pending.mfa === 'enrol';
  // Checked by the API's mfaAnswer: an empty code is told beside the field, not sent. A wrong code
  // (the problem's code mfa_code_wrong) is told beside the field too.
  const { form, errorOf, submitWith, failure, placed, busy, clearFailure } = useContractForm({
    schema: mfaAnswer,
    toBody: (values: { code: string }) => ({ challenge: pending.challenge, code: values.code }),
    defaultValues: { code: '' },
    codes: { mfa_code_wrong: { field: 'code', key: 'auth.mfa.wrong' } },
  });

  const submit = submitWith(async (body) => {
    try {
      const { data } = await request<MfaSignedIn>('/api/session/mfa', {
        method: 'POST',
        body,
        expectUnauthorized: true,
      });
      onSignedIn(data);
    } catch (failure) {
      form.resetField('code');
      // A refusal that ends this sign-in goes back to the password, saying why.
      const { message, over } = refusal(failure, t);
      if (over) onRestart(message);
      else throw failure;
    }
  });
  const error = failure !== undefined && !placed.length ? refusal(failure, t).message : '';

  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="mfa-title" data-testid="mfa-step" noValidate>
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
          // A recovery code has letters; an app's code is six digits the phone keyboard can offer.
          autoComplete={recovery ? 'off' : 'one-time-code'}
          inputMode={recovery ? 'text' : 'numeric'}
          pattern={recovery ? undefined : '[0-9 ]*'}
          maxLength={recovery ? 20 : 7}
          spellCheck={false}
          autoFocus
          {...fieldAria('mfa-code', errorOf('code'))}
          {...form.register('code')}
        />
      </label>
      <FieldProblem id="mfa-code" problem={errorOf('code')} />
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
            form.reset();
            clearFailure();
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
