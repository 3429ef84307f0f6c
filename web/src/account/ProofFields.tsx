import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

export interface ProofValues {
  password: string;
  code: string;
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
  return first && WORDED.includes(first.field) ? fieldText(first.field, first.message, t) : error.detail;
}

/**
 * The password again, and the app's code when the account has a second factor: asked before a
 * sensitive step, so a session left open is not enough to take a long-lived key or drop the factor.
 */
export function ProofFields({
  id,
  values,
  withCode,
  onChange,
}: {
  id: string;
  values: ProofValues;
  withCode: boolean;
  onChange: (values: ProofValues) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={`${id}-password`}>{t('account.proof.password')}</label>
      <input
        id={`${id}-password`}
        name="password"
        type="password"
        autoComplete="current-password"
        value={values.password}
        onChange={(event) => onChange({ ...values, password: event.target.value })}
        required
      />
      {withCode && (
        <>
          <label htmlFor={`${id}-code`}>{t('account.proof.code')}</label>
          <input
            id={`${id}-code`}
            name="code"
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={20}
            value={values.code}
            onChange={(event) => onChange({ ...values, code: event.target.value })}
            required
          />
        </>
      )}
    </>
  );
}
