import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfig } from '../api/hooks';
import { formatDateTime } from '../i18n/i18n';
import { useCreateToken, useMfaStatus, useMyTokens, useRenewToken, useRevokeToken, type TokenCreated } from './api';
import { problemText, ProofFields, type ProofValues } from './ProofFields';

const LIFETIMES = [30, 90, 180, 365];

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
  const [name, setName] = useState('');
  const [days, setDays] = useState(90);
  const [proof, setProof] = useState<ProofValues>({ password: '', code: '' });
  const [created, setCreated] = useState<TokenCreated | null>(null);
  const [renewing, setRenewing] = useState<number | null>(null);
  const [error, setError] = useState('');
  const sent = () => ({ password: proof.password, ...(withCode ? { code: proof.code } : {}) });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError('');
    try {
      if (renewing !== null) await renew.mutateAsync({ id: renewing, ...sent() });
      else setCreated(await create.mutateAsync({ name, expires_in_days: days, ...sent() }));
      setName('');
      setRenewing(null);
    } catch (failure) {
      setError(problemText(failure, t));
    } finally {
      setProof({ password: '', code: '' });
    }
  }

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
                  <button type="button" onClick={() => setRenewing(token.id)}>
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
      <form className="account-form" onSubmit={(event) => void submit(event)} data-testid="token-form">
        {renewing !== null ? (
          <p>
            {t('account.tokens.renewing', { name: tokens.data?.find((token) => token.id === renewing)?.name ?? '' })}
          </p>
        ) : (
          <>
            <label htmlFor="token-name">{t('account.tokens.name')}</label>
            <input
              id="token-name"
              name="name"
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
            />
            <label htmlFor="token-days">{t('account.tokens.lifetime')}</label>
            <select id="token-days" value={days} onChange={(event) => setDays(Number(event.target.value))}>
              {LIFETIMES.map((value) => (
                <option key={value} value={value}>
                  {t('account.tokens.days', { count: value })}
                </option>
              ))}
            </select>
          </>
        )}
        <ProofFields id="token-proof" values={proof} withCode={withCode} onChange={setProof} />
        <div className="account-actions">
          <button type="submit" className="primary" disabled={create.isPending || renew.isPending}>
            {renewing !== null ? t('account.tokens.renew') : t('account.tokens.create')}
          </button>
          {renewing !== null && (
            <button type="button" onClick={() => setRenewing(null)}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
