import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { useSession } from '../api/hooks';
import { useProblemText } from '../api/problem-text';
import { canCreateHotspots } from '../auth/permissions';
import { formatNumber } from '../i18n/i18n';
import {
  hasImportExtension,
  IMPORT_EXTENSIONS,
  IMPORT_MAX_BYTES,
  refusedProblems,
  useImportCheck,
  useImportFile,
} from './api';
import { ImportHelp } from './ImportHelp';
import { ProblemsTable } from './ProblemsTable';
import './imports.css';

/** The API's codes for a file of the wrong shape or size (issue 12), and their wording here. */
const BODY_PROBLEM_KEYS: Record<string, string> = {
  body_too_deep: 'imports.bodyProblem.body_too_deep',
  body_too_many_values: 'imports.bodyProblem.body_too_many_values',
  body_too_many_keys: 'imports.bodyProblem.body_too_many_keys',
  import_too_many_rows: 'imports.bodyProblem.import_too_many_rows',
};

/** A size as people read it: bytes, KB or MB, one decimal at most. */
function useSize(): (bytes: number) => string {
  const { t } = useTranslation();
  const round = (value: number) => formatNumber(Math.round(value * 10) / 10);
  return (bytes) => {
    if (bytes < 1024) return t('imports.size.bytes', { value: formatNumber(bytes) });
    if (bytes < 1024 * 1024) return t('imports.size.kb', { value: round(bytes / 1024) });
    return t('imports.size.mb', { value: round(bytes / 1024 / 1024) });
  };
}

/**
 * Hotspots from a previous register, in one CSV or GeoJSON file: the file is checked first (a dry
 * run that writes nothing and lists every problem by row), and only a file that passed its check
 * can be imported. The API writes all rows or none, and skips rows whose external_ref it has.
 */
export default function ImportsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const problemText = useProblemText();
  const size = useSize();
  const check = useImportCheck();
  const importing = useImportFile();
  const [file, setFile] = useState<File>();
  const user = session.data?.user;

  if (user && !canCreateHotspots(user)) {
    return (
      <div className="imports-page">
        <h1>{t('imports.title')}</h1>
        <p role="alert">{t('imports.notAllowed')}</p>
      </div>
    );
  }

  const fileRefusal = !file
    ? undefined
    : !hasImportExtension(file)
      ? t('imports.file.wrongType')
      : file.size > IMPORT_MAX_BYTES
        ? t('imports.file.tooLarge', { size: size(file.size), max: size(IMPORT_MAX_BYTES) })
        : undefined;
  // The check answers for the very file it was sent; another file chosen since needs its own check.
  const checked = check.data && check.variables === file ? check.data : undefined;
  const done = importing.data && importing.variables === file ? importing.data : undefined;
  const busy = check.isPending || importing.isPending;
  const canImport = Boolean(checked && checked.problems.length === 0 && !done && !busy);
  const failure = check.error ?? importing.error;
  const refused = importing.error instanceof ApiError && importing.error.status === 422;
  const code = failure instanceof ApiError ? failure.body.code : undefined;
  const shapeKey = typeof code === 'string' ? BODY_PROBLEM_KEYS[code] : undefined;
  const shapeRefusal =
    shapeKey && failure instanceof ApiError
      ? t(shapeKey, { limit: formatNumber(Number(failure.body.limit)) })
      : undefined;

  function choose(event: ChangeEvent<HTMLInputElement>) {
    setFile(event.target.files?.[0]);
    check.reset();
    importing.reset();
  }

  function runCheck() {
    if (!file || fileRefusal) return;
    importing.reset();
    check.mutate(file);
  }

  function runImport() {
    if (!file || !canImport) return;
    importing.mutate(file, {
      // A refusal means the data changed since the check: the file must be checked again.
      onError: (error) => {
        if (error instanceof ApiError && error.status === 422) check.reset();
      },
    });
  }

  return (
    <div className="imports-page" data-testid="imports-page">
      <h1>{t('imports.title')}</h1>
      <p className="hint">{t('imports.intro')}</p>

      <div className="import-file">
        <label htmlFor="import-file">{t('imports.file.label')}</label>
        <input
          id="import-file"
          type="file"
          accept={[...IMPORT_EXTENSIONS, 'text/csv', 'application/geo+json', 'application/json'].join(',')}
          onChange={choose}
          aria-describedby="import-file-status"
        />
        <div id="import-file-status">
          {file && (
            <p data-testid="import-file-chosen">
              {t('imports.file.chosen', { name: file.name, size: size(file.size) })}
            </p>
          )}
          {fileRefusal && (
            <p role="alert" className="field-error">
              {fileRefusal}
            </p>
          )}
        </div>
        <div className="buttons">
          <button type="button" onClick={runCheck} disabled={!file || Boolean(fileRefusal) || busy} data-action="check">
            {check.isPending ? t('imports.checking') : t('imports.check')}
          </button>
          <button type="button" onClick={runImport} disabled={!canImport} data-action="import">
            {importing.isPending ? t('imports.importing') : t('imports.import')}
          </button>
        </div>
        {file && !fileRefusal && !canImport && !done && <p className="hint">{t('imports.importHint')}</p>}
      </div>

      <div aria-live="polite">
        {failure && !refused && <p role="alert">{shapeRefusal ?? problemText(failure)}</p>}
        {refused && importing.error instanceof ApiError && (
          <section className="import-result" data-testid="import-refused">
            <p role="alert">{t('imports.refused')}</p>
            <ProblemsTable {...refusedProblems(importing.error.body)} />
            <p>{t('imports.result.fix')}</p>
          </section>
        )}
        {done && (
          <p className="import-done" role="status" data-testid="import-done">
            {t('imports.done', { created: formatNumber(done.created), unchanged: formatNumber(done.unchanged) })}{' '}
            <Link to="/?period=all">{t('imports.showOnMap')}</Link>
          </p>
        )}
        {checked && !done && (
          <section className="import-result" aria-labelledby="import-result-title" data-testid="import-check">
            <h2 id="import-result-title">{t('imports.result.title')}</h2>
            <dl className="import-counts">
              <div>
                <dt>{t('imports.result.rows')}</dt>
                <dd data-testid="import-rows">{formatNumber(checked.rows)}</dd>
              </div>
              <div>
                <dt>{t('imports.result.created')}</dt>
                <dd data-testid="import-created">{formatNumber(checked.created)}</dd>
              </div>
              <div>
                <dt>{t('imports.result.unchanged')}</dt>
                <dd data-testid="import-unchanged">{formatNumber(checked.unchanged)}</dd>
              </div>
            </dl>
            {checked.problems.length === 0 ? (
              <p>{t('imports.result.clean')}</p>
            ) : (
              <>
                <ProblemsTable problems={checked.problems} total={checked.problems_total} />
                <p>{t('imports.result.fix')}</p>
              </>
            )}
          </section>
        )}
      </div>

      <ImportHelp />
    </div>
  );
}
