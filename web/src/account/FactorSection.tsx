import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mfaBegin, mfaConfirm, mfaProof } from '@oshaq/api/contract/mfa';
import { useConfig } from '../api/hooks';
import { FieldProblem, fieldAria } from '../forms/Field';
import { useContractForm } from '../forms/useContractForm';
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
import { codeRule, fieldText, problemText, ProofFields, type ProofValues } from './ProofFields';
import { RecoveryCodes } from './RecoveryCodes';

/** A refusal worded for the account page, unless the form already shows it beside a field. */
function useRefusal(failure: unknown, placed: readonly string[]): string {
  const { t } = useTranslation();
  return failure !== undefined && !placed.length ? problemText(failure, t) : '';
}

function Refusal({ text }: { text: string }) {
  if (!text) return null;
  return (
    <p role="alert" className="error">
      {text}
    </p>
  );
}

/** New recovery codes, or removing the factor: both need the password and a code (mfaProof). */
function ProofForm({ required, onCodes }: { required: boolean; onCodes: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const renew = useRenewRecoveryCodes();
  const remove = useRemoveFactor();
  const { form, errorOf, submitWith, failure, placed } = useContractForm({
    schema: mfaProof,
    toBody: (values: ProofValues) => ({ password: values.password, code: values.code.trim() }),
    rules: (values) => codeRule(values, true),
    defaultValues: { password: '', code: '' },
    serverText: (field, message) => fieldText(field, message, t),
  });
  const act = (kind: 'renew' | 'remove') =>
    submitWith(async (body) => {
      try {
        if (kind === 'renew') onCodes((await renew.mutateAsync(body)).recovery_codes);
        else await remove.mutateAsync(body);
      } finally {
        form.reset();
      }
    });
  const refusal = useRefusal(failure, placed);
  return (
    <>
      <form className="account-form" onSubmit={(event) => void act('renew')(event)} noValidate>
        <ProofFields id="mfa-proof" withCode register={form.register} problemOf={errorOf} />
        <div className="account-actions">
          <button type="submit" data-action="renew-recovery">
            {t('account.mfa.renew')}
          </button>
          {!required && (
            <button type="button" data-action="remove-factor" onClick={(event) => void act('remove')(event)}>
              {t('account.mfa.remove')}
            </button>
          )}
        </div>
      </form>
      <Refusal text={refusal} />
    </>
  );
}

/** The first code of the newly added app confirms it (mfaConfirm); the answer is the recovery codes. */
function ConfirmForm({ enrolment, onCodes }: { enrolment: MfaEnrolment; onCodes: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const confirm = useConfirmEnrolment();
  const { form, errorOf, submitWith, failure, placed } = useContractForm({
    schema: mfaConfirm,
    toBody: (values: { code: string }) => values,
    defaultValues: { code: '' },
    serverText: (field, message) => fieldText(field, message, t),
  });
  const submit = submitWith(async (body) => onCodes((await confirm.mutateAsync(body.code)).recovery_codes));
  const refusal = useRefusal(failure, placed);
  return (
    <>
      <form className="account-form" onSubmit={(event) => void submit(event)} noValidate>
        <EnrolmentCard enrolment={enrolment} />
        <label htmlFor="mfa-confirm-code">{t('auth.mfa.confirmCode')}</label>
        <input
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={7}
          {...fieldAria('mfa-confirm-code', errorOf('code'))}
          {...form.register('code')}
        />
        <FieldProblem id="mfa-confirm-code" problem={errorOf('code')} />
        <button type="submit" className="primary">
          {t('auth.mfa.submit')}
        </button>
      </form>
      <Refusal text={refusal} />
    </>
  );
}

/** Adding an app starts with the password (mfaBegin): a stolen session must not tie the account to a stranger's phone. */
function BeginForm({ onEnrolment }: { onEnrolment: (enrolment: MfaEnrolment) => void }) {
  const { t } = useTranslation();
  const begin = useBeginEnrolment();
  const { form, errorOf, submitWith, failure, placed } = useContractForm({
    schema: mfaBegin,
    toBody: (values: ProofValues) => ({ password: values.password }),
    defaultValues: { password: '', code: '' },
    serverText: (field, message) => fieldText(field, message, t),
  });
  const submit = submitWith(async (body) => {
    try {
      onEnrolment(await begin.mutateAsync(body.password));
    } finally {
      form.reset();
    }
  });
  const refusal = useRefusal(failure, placed);
  return (
    <>
      <form className="account-form" onSubmit={(event) => void submit(event)} noValidate>
        <ProofFields id="mfa-begin" withCode={false} register={form.register} problemOf={errorOf} />
        <button type="submit" className="primary" data-action="begin-enrolment">
          {t('account.mfa.add')}
        </button>
      </form>
      <Refusal text={refusal} />
    </>
  );
}

/** The second factor: status, adding an app, new recovery codes, and removing it where the role allows. */
export function FactorSection() {
  const { t } = useTranslation();
  const timeZone = useConfig().data?.time_zone ?? 'Asia/Almaty';
  const status = useMfaStatus();
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

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
          <ProofForm required={data.required} onCodes={setCodes} />
          {data.required && <p className="hint">{t('account.mfa.requiredHint')}</p>}
        </>
      ) : enrolment ? (
        <ConfirmForm
          enrolment={enrolment}
          onCodes={(recovery) => {
            setEnrolment(null);
            setCodes(recovery);
          }}
        />
      ) : (
        <>
          <p>{data.required ? t('account.mfa.offRequired') : t('account.mfa.off')}</p>
          <BeginForm onEnrolment={setEnrolment} />
        </>
      )}
    </section>
  );
}
