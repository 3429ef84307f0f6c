import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { signInLock } from '@oshaq/api/contract/auth';
import { get, request } from '../api/client';
import { useConfig } from '../api/hooks';
import { formatDateTime, formatNumber } from '../i18n/i18n';
import { ProblemAlert } from './Problem';

type SignInLock = z.infer<typeof signInLock>;

const locksKey = ['admin', 'sign-in-locks'] as const;

function useSignInLocks() {
  return useQuery({
    queryKey: locksKey,
    queryFn: ({ signal }) => get<SignInLock[]>('/api/sign-in-locks', {}, signal),
    // Counters move with every failed sign-in: ten seconds old is old enough to fetch again.
    staleTime: 10_000,
  });
}

function useClearLock() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => {
      await request(`/api/sign-in-locks/${id}`, { method: 'DELETE' });
    },
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: locksKey }),
        client.invalidateQueries({ queryKey: ['admin', 'audit'] }),
      ]),
  });
}

/**
 * Who is being held back at sign-in, and by which counter; an administrator may clear one (the
 * API audits it). A password reset clears a login's counters too.
 */
export function SignInLocksSection() {
  const { t } = useTranslation();
  const locks = useSignInLocks();
  const clear = useClearLock();
  const config = useConfig();
  const [cleared, setCleared] = useState(false);
  const timeZone = config.data?.time_zone;
  const when = (iso: string | null) => (!iso ? '' : timeZone ? formatDateTime(iso, timeZone) : iso);
  const rows = locks.data ?? [];
  const any = t('admin.signInLocks.any');
  const scopeLabel = (scope: SignInLock['scope']) =>
    scope === 'pair'
      ? t('admin.signInLocks.scope.pair')
      : scope === 'login'
        ? t('admin.signInLocks.scope.login')
        : t('admin.signInLocks.scope.address');

  return (
    <section className="admin-section" aria-labelledby="sign-in-locks-title" data-testid="sign-in-locks">
      <div className="admin-section-head">
        <h2 id="sign-in-locks-title">{t('admin.signInLocks.title')}</h2>
        <button type="button" data-action="refresh-locks" onClick={() => void locks.refetch()}>
          {t('admin.signInLocks.refresh')}
        </button>
      </div>
      <p className="hint">{t('admin.signInLocks.intro')}</p>
      {cleared && (
        <p role="status" className="admin-notice">
          {t('admin.signInLocks.cleared')}
        </p>
      )}
      <ProblemAlert error={locks.error ?? clear.error} />
      {locks.isPending && <p className="loading">{t('common.loading')}</p>}
      {locks.data && rows.length === 0 && <p>{t('admin.signInLocks.empty')}</p>}
      {rows.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table" data-testid="sign-in-locks-table">
            <caption>{t('admin.signInLocks.count', { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.signInLocks.columns.scope')}</th>
                <th scope="col">{t('admin.signInLocks.columns.login')}</th>
                <th scope="col">{t('admin.signInLocks.columns.ip')}</th>
                <th scope="col">{t('admin.signInLocks.columns.failures')}</th>
                <th scope="col">{t('admin.signInLocks.columns.refused')}</th>
                <th scope="col">{t('admin.signInLocks.columns.since')}</th>
                <th scope="col">{t('admin.signInLocks.columns.until')}</th>
                <th scope="col">{t('admin.signInLocks.columns.state')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((lock) => (
                <tr key={lock.id} data-lock={lock.id} data-blocked={lock.blocked}>
                  <th scope="row">{scopeLabel(lock.scope)}</th>
                  <td className="code">{lock.login ?? any}</td>
                  <td className="code">{lock.ip ?? any}</td>
                  <td>{formatNumber(lock.failures)}</td>
                  <td>{formatNumber(lock.refused)}</td>
                  <td>{when(lock.since)}</td>
                  <td>{when(lock.until)}</td>
                  <td>{lock.blocked ? t('admin.signInLocks.blocked') : t('admin.signInLocks.counting')}</td>
                  <td>
                    <button
                      type="button"
                      data-action="clear-lock"
                      disabled={clear.isPending}
                      aria-label={t('admin.signInLocks.clearOne', {
                        what: [lock.login, lock.ip].filter(Boolean).join(' @ '),
                      })}
                      onClick={() => {
                        setCleared(false);
                        clear.mutate(lock.id, { onSuccess: () => setCleared(true) });
                      }}
                    >
                      {t('admin.signInLocks.clear')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
