import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

export interface ProofValues {
  password: string;
  code: string;
}

/** Words a refused account change: the field at fault, a throttle, or the API's own detail. */
export function problemText(error: unknown, t: (key: string) => string): string {
  if (!(error instanceof ApiError)) return t('common.errors.network');
  if (error.status === 429) return t('account.errors.locked');
  const field = error.fields[0]?.field;
  if (field === 'password' || field === 'current_password') return t('account.errors.password');
  if (field === 'code') return t('account.errors.code');
  if (field === 'new_password') return `${t('account.errors.newPassword')} ${error.fields[0]?.message ?? ''}`;
  return error.detail;
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
