import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { tokenRenew } from '@oshaq/api/contract/auth';
import { ApiError } from '../api/client';
import { fieldWords, kindWords } from '../api/problem-words';
import { FieldProblem, fieldAria } from '../forms/Field';
import { maxLengthOf } from '../forms/issues';

export type ProofValues = {
  password: string;
  code: string;
};

/** The step-up body: the password, and the code only where the account has a factor. */
export function proofBody(values: ProofValues, withCode: boolean): { password: string; code?: string } {
  return { password: values.password, ...(withCode ? { code: values.code.trim() } : {}) };
}

/** An account with a factor must give its code: the API would refuse the step without it. */
export function codeRule(values: ProofValues, withCode: boolean): { code?: string } {
  return withCode && !values.code.trim() ? { code: 'common.form.required' } : {};
}

const WORDED = ['password', 'current_password', 'code', 'new_password'];

/** Words the API's refusal of one field of an account change; undefined for a field it has no words for. */
export function fieldText(field: string, message: string, t: (key: string) => string): string {
  if (field === 'password' || field === 'current_password') return t('account.errors.password');
  if (field === 'code') return t('account.errors.code');
  if (field === 'new_password') return `${t('account.errors.newPassword')} ${message}`;
  return message;
}

/** Words a refused account change: the field at fault, a throttle, or the API's own detail. */
export function problemText(error: unknown, t: (key: string) => string): string {
  if (!(error instanceof ApiError)) return t('common.errors.network');
  if (error.status === 429) return t('account.errors.locked');
  const first = error.fields[0];
  const worded =
    first && (fieldWords(first, t) ?? (WORDED.includes(first.field) && fieldText(first.field, first.message, t)));
  // The API's detail (English, for API users) only for a problem of a type this build does not know.
  return worded || kindWords(error.body.type, t) || error.detail;
}

/**
 * The password again, and the app's code when the account has a second factor: asked before a
 * sensitive step, so a session left open is not enough to take a long-lived key or drop the factor.
 * The form's state holds them (`register`), and its problems show beside them (`problemOf`).
 */
export function ProofFields({
  id,
  withCode,
  register,
  problemOf,
}: {
  id: string;
  withCode: boolean;
  register: (name: keyof ProofValues) => UseFormRegisterReturn;
  problemOf: (name: keyof ProofValues) => string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={`${id}-password`}>{t('account.proof.password')}</label>
      <input
        type="password"
        autoComplete="current-password"
        {...fieldAria(`${id}-password`, problemOf('password'))}
        {...register('password')}
      />
      <FieldProblem id={`${id}-password`} problem={problemOf('password')} />
      {withCode && (
        <>
          <label htmlFor={`${id}-code`}>{t('account.proof.code')}</label>
          <input
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={maxLengthOf(tokenRenew.shape.code)}
            {...fieldAria(`${id}-code`, problemOf('code'))}
            {...register('code')}
          />
          <FieldProblem id={`${id}-code`} problem={problemOf('code')} />
        </>
      )}
    </>
  );
}
