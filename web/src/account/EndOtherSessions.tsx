import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endOtherSessionsRequest } from '@oshaq/api/contract/auth';
import type { FormCheck } from '../forms/issues';
import { useContractForm } from '../forms/useContractForm';
import { useEndOtherSessions, useMfaStatus } from './api';
import { codeRule, fieldText, problemText, proofBody, ProofFields, type ProofValues } from './ProofFields';

/** Checked by the API's endOtherSessionsRequest: the password, and the code once there is a factor. */
function endOthersCheck(withCode: boolean): FormCheck<ProofValues> {
  return {
    schema: endOtherSessionsRequest,
    toBody: (values) => proofBody(values, withCode),
    rules: (values) => codeRule(values, withCode),
  };
}

/**
 * "End my other sessions", for a person who sees a session they do not know: a button that opens
 * a confirmation asking for the password again (and the code), so a cookie left open elsewhere is
 * not enough to sign its owner out. This page's session goes on.
 */
export function EndOtherSessions({ others }: { others: number }) {
  const { t } = useTranslation();
  const withCode = useMfaStatus().data?.enrolled ?? false;
  const end = useEndOtherSessions();
  const [asking, setAsking] = useState(false);
  const [ended, setEnded] = useState<number | null>(null);
  const { form, errorOf, submitWith, failure, placed, busy, clearFailure } = useContractForm({
    ...endOthersCheck(withCode),
    defaultValues: { password: '', code: '' },
    serverText: (field, message) => fieldText(field, message, t),
  });
  const submit = submitWith(async (body) => {
    try {
      setEnded((await end.mutateAsync(body as ProofValues)).ended);
      setAsking(false);
    } finally {
      form.reset();
    }
  });
  const close = () => {
    setAsking(false);
    clearFailure();
    form.reset();
  };

  return (
    <div className="account-end-others" data-testid="end-other-sessions">
      {ended !== null && <p role="status">{t('account.sessions.endOthers.done', { count: ended })}</p>}
      {!asking ? (
        <button
          type="button"
          disabled={others === 0}
          title={others === 0 ? t('account.sessions.endOthers.none') : undefined}
          onClick={() => {
            setEnded(null);
            setAsking(true);
          }}
        >
          {t('account.sessions.endOthers.open')}
        </button>
      ) : (
        <form className="account-form" onSubmit={(event) => void submit(event)} noValidate>
          <p>{t('account.sessions.endOthers.confirm')}</p>
          <ProofFields id="end-others-proof" withCode={withCode} register={form.register} problemOf={errorOf} />
          <div className="account-actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('account.sessions.endOthers.submit')}
            </button>
            <button type="button" onClick={close}>
              {t('common.cancel')}
            </button>
          </div>
          {failure !== undefined && !placed.length && (
            <p role="alert" className="error">
              {problemText(failure, t)}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
