import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useProblemText, type ProblemTextOptions } from '../api/problem-text';

/**
 * Why a save was refused, placed where the person is looking: inside the form, just above the
 * button they pressed (forms put it there), never at the top of the page. A refusal about no field
 * the form shows takes the focus, as a field's problem does, so keyboard and screen-reader users
 * hear it. "Someone else changed this" (412: the version the form started from is no longer the
 * current one) offers to open the current version: saving the old one again would only be refused
 * again.
 */
export function FormFailure({
  failure,
  options,
  placedOnFields = false,
  onReload,
}: {
  failure: unknown;
  options?: ProblemTextOptions;
  /** The refusal was placed beside the fields it names (which then hold the focus). */
  placedOnFields?: boolean;
  /** Opens the record's current version in the form. */
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const box = useRef<HTMLDivElement>(null);
  const stale = failure instanceof ApiError && failure.status === 412;
  useEffect(() => {
    if (failure !== undefined && !placedOnFields) box.current?.focus();
  }, [failure, placedOnFields]);
  if (failure === undefined) return null;
  return (
    <div className="form-failure" ref={box} tabIndex={-1} data-testid="form-failure" data-stale={stale || undefined}>
      <p role="alert" className="error">
        {problemText(failure, options)}
      </p>
      {stale && onReload && (
        <p className="form-failure-reload">
          <button type="button" onClick={onReload} data-action="reload-current">
            {t('forms.reload')}
          </button>{' '}
          <span className="hint">{t('forms.reloadHint')}</span>
        </p>
      )}
    </div>
  );
}
