import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tokenCreate, tokenRenew } from '@oshaq/api/contract/auth';
import { FieldProblem, fieldAria } from '../forms/Field';
import { maxLengthOf, type FormCheck } from '../forms/issues';
import { useContractForm } from '../forms/useContractForm';
import { useConfig } from '../api/hooks';
import { formatDateTime } from '../i18n/i18n';
import { useCreateToken, useMfaStatus, useMyTokens, useRenewToken, useRevokeToken, type TokenCreated } from './api';
import { codeRule, fieldText, problemText, proofBody, ProofFields, type ProofValues } from './ProofFields';

const LIFETIMES = [30, 90, 180, 365];

type TokenValues = ProofValues & { name: string; expires_in_days: string };

/** Checked by the API's tokenCreate, or tokenRenew while a token is being renewed. */
function tokenCheck(renewing: boolean, withCode: boolean): FormCheck<TokenValues> {
  return {
    schema: renewing ? tokenRenew : tokenCreate,
    toBody: (values) =>
      renewing
        ? proofBody(values, withCode)
        : { name: values.name.trim(), expires_in_days: Number(values.expires_in_days), ...proofBody(values, withCode) },
    rules: (values) => codeRule(values, withCode),
  };
}

/**
 * Personal API tokens for QGIS, GDAL and scripts: made and renewed with the password (and the
 * second factor's code) again; the secret is shown once, right after it is made.
 */
export function TokensSection() {
  const { t } = useTranslation();
  const timeZone = useConfig().data?.time_zone ?? 'Asia/Almaty';
  const tokens = useMyTokens();
  const withCode = useMfaStatus().data?.enrolled ?? false;
  const create = useCreateToken();
  const renew = useRenewToken();
  const revoke = useRevokeToken();
  const [created, setCreated] = useState<TokenCreated | null>(null);
  const [renewing, setRenewing] = useState<number | null>(null);
  const [error, setError] = useState('');
  const { form, errorOf, submitWith, failure, placed, busy, clearFailure } = useContractForm({
    ...tokenCheck(renewing !== null, withCode),
    defaultValues: { name: '', expires_in_days: '90', password: '', code: '' },
    serverText: (field, message) => fieldText(field, message, t),
  });

  const submit = submitWith(async (body) => {
    setError('');
    try {
      if (renewing !== null) await renew.mutateAsync({ id: renewing, ...(body as ProofValues) });
      else setCreated(await create.mutateAsync(body as ProofValues & { name: string; expires_in_days: number }));
      form.resetField('name');
      setRenewing(null);
    } finally {
      // The proof is asked again for every step.
      form.resetField('password');
      form.resetField('code');
    }
  });
  const shown = failure !== undefined && !placed.length ? problemText(failure, t) : error;

  return (
    <section className="account-section" aria-labelledby="account-tokens" data-testid="account-tokens">
      <h2 id="account-tokens">{t('account.tokens.title')}</h2>
      <p className="hint">{t('account.tokens.intro')}</p>
      {created && (
        <div role="status" className="account-secret" data-testid="token-secret">
          <p>{t('account.tokens.shownOnce')}</p>
          <code translate="no">{created.token}</code>
          <button type="button" onClick={() => setCreated(null)}>
            {t('common.close')}
          </button>
        </div>
      )}
      {tokens.data && tokens.data.length > 0 && (
        <table className="account-table">
          <thead>
            <tr>
              <th scope="col">{t('account.tokens.name')}</th>
              <th scope="col">{t('account.tokens.expires')}</th>
              <th scope="col">{t('account.tokens.lastUsed')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('account.tokens.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((token) => (
              <tr key={token.id}>
                <td>
                  {token.name} <code>{token.prefix}…</code>
                </td>
                <td>
                  {formatDateTime(token.expires_at, timeZone)}
                  {token.expired && <strong> ({t('account.tokens.expired')})</strong>}
                </td>
                <td>{token.last_used_at ? formatDateTime(token.last_used_at, timeZone) : '—'}</td>
                <td className="account-actions">
                  <button
                    type="button"
                    onClick={() => {
                      clearFailure();
                      setRenewing(token.id);
                    }}
                  >
                    {t('account.tokens.renew')}
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      void revoke.mutateAsync(token.id).catch((failure) => setError(problemText(failure, t)))
                    }
                  >
                    {t('account.tokens.revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="account-form" onSubmit={(event) => void submit(event)} data-testid="token-form" noValidate>
        {renewing !== null ? (
          <p>
            {t('account.tokens.renewing', { name: tokens.data?.find((token) => token.id === renewing)?.name ?? '' })}
          </p>
        ) : (
          <>
            <label htmlFor="token-name">{t('account.tokens.name')}</label>
            <input
              maxLength={maxLengthOf(tokenCreate.shape.name)}
              {...fieldAria('token-name', errorOf('name'))}
              {...form.register('name')}
            />
            <FieldProblem id="token-name" problem={errorOf('name')} />
            <label htmlFor="token-days">{t('account.tokens.lifetime')}</label>
            <select {...fieldAria('token-days', errorOf('expires_in_days'))} {...form.register('expires_in_days')}>
              {LIFETIMES.map((value) => (
                <option key={value} value={value}>
                  {t('account.tokens.days', { count: value })}
                </option>
              ))}
            </select>
          </>
        )}
        <ProofFields id="token-proof" withCode={withCode} register={form.register} problemOf={errorOf} />
        <div className="account-actions">
          <button type="submit" className="primary" disabled={busy}>
            {renewing !== null ? t('account.tokens.renew') : t('account.tokens.create')}
          </button>
          {renewing !== null && (
            <button type="button" onClick={() => setRenewing(null)}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
      {shown && (
        <p role="alert" className="error">
          {shown}
        </p>
      )}
    </section>
  );
}
