import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfig } from '../api/hooks';
import { formatDateTime } from '../i18n/i18n';
import {
  useBeginEnrolment,
  useConfirmEnrolment,
  useMfaStatus,
  useRemoveFactor,
  useRenewRecoveryCodes,
  type MfaEnrolment,
} from './api';
import { EnrolmentCard } from './EnrolmentCard';
import { problemText, ProofFields, type ProofValues } from './ProofFields';
import { RecoveryCodes } from './RecoveryCodes';

/** The second factor: status, adding an app, new recovery codes, and removing it where the role allows. */
export function FactorSection() {
  const { t } = useTranslation();
  const timeZone = useConfig().data?.time_zone ?? 'Asia/Almaty';
  const status = useMfaStatus();
  const begin = useBeginEnrolment();
  const confirm = useConfirmEnrolment();
  const renew = useRenewRecoveryCodes();
  const remove = useRemoveFactor();
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [proof, setProof] = useState<ProofValues>({ password: '', code: '' });
  const [error, setError] = useState('');

  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    setError('');
    try {
      return await action();
    } catch (failure) {
      setError(problemText(failure, t));
      return undefined;
    }
  }

  async function confirmCode(event: FormEvent) {
    event.preventDefault();
    const done = await run(() => confirm.mutateAsync(code));
    if (done) {
      setEnrolment(null);
      setCode('');
      setCodes(done.recovery_codes);
    }
  }

  async function change(event: FormEvent, kind: 'renew' | 'remove') {
    event.preventDefault();
    const body = { password: proof.password, code: proof.code };
    const done = await run<unknown>(() => (kind === 'renew' ? renew.mutateAsync(body) : remove.mutateAsync(body)));
    setProof({ password: '', code: '' });
    if (done && kind === 'renew') setCodes((done as { recovery_codes: string[] }).recovery_codes);
  }

  const data = status.data;
  return (
    <section className="account-section" aria-labelledby="account-mfa" data-testid="account-mfa">
      <h2 id="account-mfa">{t('account.mfa.title')}</h2>
      {!data ? (
        <p>{t('common.loading')}</p>
      ) : codes ? (
        <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
      ) : data.enrolled ? (
        <>
          <p data-testid="mfa-status">
            {t('account.mfa.on', { date: formatDateTime(data.confirmed_at ?? '', timeZone) })}{' '}
            {t('account.mfa.codesLeft', { count: data.recovery_codes_left })}
          </p>
          <form className="account-form" onSubmit={(event) => void change(event, 'renew')}>
            <ProofFields id="mfa-proof" values={proof} withCode onChange={setProof} />
            <div className="account-actions">
              <button type="submit" data-action="renew-recovery">
                {t('account.mfa.renew')}
              </button>
              {!data.required && (
                <button type="button" data-action="remove-factor" onClick={(event) => void change(event, 'remove')}>
                  {t('account.mfa.remove')}
                </button>
              )}
            </div>
          </form>
          {data.required && <p className="hint">{t('account.mfa.requiredHint')}</p>}
        </>
      ) : enrolment ? (
        <form className="account-form" onSubmit={(event) => void confirmCode(event)}>
          <EnrolmentCard enrolment={enrolment} />
          <label htmlFor="mfa-confirm-code">{t('auth.mfa.confirmCode')}</label>
          <input
            id="mfa-confirm-code"
            name="code"
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={7}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            required
          />
          <button type="submit" className="primary">
            {t('auth.mfa.submit')}
          </button>
        </form>
      ) : (
        <>
          <p>{data.required ? t('account.mfa.offRequired') : t('account.mfa.off')}</p>
          <form
            className="account-form"
            onSubmit={(event) => {
              event.preventDefault();
              void run(() => begin.mutateAsync(proof.password)).then((found) => {
                setProof({ password: '', code: '' });
                if (found) setEnrolment(found);
              });
            }}
          >
            <ProofFields id="mfa-begin" values={proof} withCode={false} onChange={setProof} />
            <button type="submit" className="primary" data-action="begin-enrolment">
              {t('account.mfa.add')}
            </button>
          </form>
        </>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
