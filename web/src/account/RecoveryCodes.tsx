import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './account.css';

/**
 * Recovery codes, shown this once: the person must say they saved them before going on, since
 * nobody (the administrators included) can show them again.
 */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(`${codes.join('\n')}\n`)}`;
  return (
    <div className="recovery-codes" data-testid="recovery-codes">
      <p role="status">{t('account.recovery.intro')}</p>
      <ol className="recovery-code-list" translate="no">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <a href={download} download="oshaq-recovery-codes.txt">
        {t('account.recovery.download')}
      </a>
      <label className="checkbox">
        <input type="checkbox" name="saved" checked={saved} onChange={(event) => setSaved(event.target.checked)} />
        {t('account.recovery.saved')}
      </label>
      <button type="button" className="primary" disabled={!saved} onClick={onDone} data-action="recovery-done">
        {t('account.recovery.continue')}
      </button>
    </div>
  );
}
