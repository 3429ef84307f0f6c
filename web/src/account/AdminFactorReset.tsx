import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../api/client';
import { problemText } from './ProofFields';

/**
 * For administrators, in an account's editor: whether it has a second factor, and resetting a lost
 * one (audited by the API; the account's sessions end and the person enrols again at sign-in).
 */
export function AdminFactorReset({ user }: { user: { id: number; mfa_enrolled?: boolean } }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const reset = useMutation({
    mutationFn: () => request(`/api/users/${user.id}/mfa/reset`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
  async function run() {
    if (!window.confirm(t('account.adminReset.confirm'))) return;
    try {
      await reset.mutateAsync();
      setMessage({ ok: true, text: t('account.adminReset.done') });
    } catch (failure) {
      setMessage({ ok: false, text: problemText(failure, t) });
    }
  }
  return (
    <section className="admin-editor-part" aria-labelledby={`mfa-reset-${user.id}`} data-testid="admin-mfa">
      <h3 id={`mfa-reset-${user.id}`}>{t('account.adminReset.title')}</h3>
      <p>{user.mfa_enrolled ? t('account.adminReset.enrolled') : t('account.adminReset.none')}</p>
      <button type="button" data-action="reset-mfa" disabled={reset.isPending} onClick={() => void run()}>
        {t('account.adminReset.button')}
      </button>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'admin-notice' : 'error'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
