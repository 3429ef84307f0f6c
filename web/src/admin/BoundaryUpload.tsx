import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { areaImportQuery } from '@oshaq/api/contract/area-imports';
import { AREA_LEVELS, type AreaLevel } from '@oshaq/api/contract/levels';
import { fieldAria } from '../forms/Field';
import { maxLengthOf, type FormCheck } from '../forms/issues';
import { useContractForm } from '../forms/useContractForm';
import { BoundaryReport } from './BoundaryReport';
import {
  FILE_FAILURE_KEYS,
  guessProperties,
  LEVEL_KEYS,
  parseBoundaries,
  previewValue,
  problemsOf,
  problemsTotalOf,
  PROPERTY_TARGETS,
  useAreaImport,
  type AreaImportIssue,
  type AreaImportResult,
  type ImportOptions,
  type ParsedBoundaries,
} from './boundaries-api';
import { describedBy, Field, ProblemAlert } from './Problem';

/** The options as the API's areaImportQuery takes them: a property left on "auto" is not sent. */
const boundaryOptionsCheck: FormCheck<ImportOptions> = {
  schema: areaImportQuery,
  toBody: (options) => Object.fromEntries(Object.entries(options).filter(([, value]) => value.trim() !== '')),
  messages: { level: 'admin.boundaries.upload.levelRequired' },
};

/** Leaflet loads only when someone opens the preview. */
const BoundaryPreview = lazy(() => import('./BoundaryPreview'));

const NO_OPTIONS: ImportOptions = { level: '', code: '', name_kk: '', name_ru: '', name_en: '', source: '' };

const PROPERTY_LABELS = {
  code: 'admin.boundaries.upload.code',
  name_kk: 'admin.boundaries.upload.name_kk',
  name_ru: 'admin.boundaries.upload.name_ru',
  name_en: 'admin.boundaries.upload.name_en',
} as const;

/** What was last sent for this file: a dry run's report, or the problems a refused import named. */
interface Report {
  file: ParsedBoundaries;
  options: ImportOptions;
  result?: AreaImportResult;
  problems: AreaImportIssue[];
  /** Problems in all: the API lists only the first of a large file's. */
  problemsTotal: number;
}

function readText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file);
  });
}

const sameOptions = (a: ImportOptions, b: ImportOptions) =>
  (Object.keys(a) as (keyof ImportOptions)[]).every((key) => a[key] === b[key]);

/**
 * Choose a GeoJSON file, say which of its properties hold the code and the names, check it (a dry
 * run the API reports on), then import. Import waits for a clean check of this very file and these
 * very options, so what is written is what was reviewed.
 */
export function BoundaryUpload() {
  const { t } = useTranslation();
  const upload = useAreaImport();
  const [file, setFile] = useState<ParsedBoundaries>();
  const [fileError, setFileError] = useState<string>();
  const { form, errorOf, submitWith, failure } = useContractForm({
    ...boundaryOptionsCheck,
    defaultValues: NO_OPTIONS,
  });
  const options = form.watch();
  const [report, setReport] = useState<Report>();
  const [notice, setNotice] = useState<string>();
  // A change of option makes the last import's notice stale.
  useEffect(() => {
    const subscription = form.watch(() => setNotice(undefined));
    return () => subscription.unsubscribe();
  }, [form]);
  const [preview, setPreview] = useState(false);
  const reading = useRef(0);

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    const turn = ++reading.current;
    setFile(undefined);
    setFileError(undefined);
    setReport(undefined);
    setNotice(undefined);
    upload.reset();
    if (!chosen) return;
    const text = await readText(chosen).catch(() => undefined);
    if (turn !== reading.current) return;
    const parsed = text === undefined ? 'readFailed' : parseBoundaries(chosen.name, text);
    if (typeof parsed === 'string') {
      setFileError(t(FILE_FAILURE_KEYS[parsed], { name: chosen.name }));
      return;
    }
    setFile(parsed);
    for (const [key, value] of Object.entries(guessProperties(parsed.keys)))
      form.setValue(key as keyof ImportOptions, value as string);
  }

  /** A dry run (the report) or the import itself, once the options pass the API's own check. */
  const run = (dryRun: boolean) =>
    submitWith(async (_body, values) => {
      if (!file) return;
      setNotice(undefined);
      await send(file, { ...NO_OPTIONS, ...values }, dryRun);
    });

  async function send(file: ParsedBoundaries, options: ImportOptions, dryRun: boolean) {
    const sent = { file, options };
    try {
      const result = await upload.mutateAsync({ ...sent, dryRun });
      if (dryRun) {
        setReport({ ...sent, result, problems: result.problems, problemsTotal: result.problems_total });
        return;
      }
      setReport(undefined);
      const reassigned = result.hotspots_reassigned
        ? ` ${t('admin.boundaries.upload.reassigned', { count: result.hotspots_reassigned })}`
        : '';
      setNotice(
        `${t('admin.boundaries.upload.imported', { added: result.added, updated: result.updated })}${reassigned}`,
      );
    } catch (error) {
      const problems = problemsOf(error);
      setReport(problems ? { ...sent, problems, problemsTotal: problemsTotalOf(error) ?? problems.length } : undefined);
      // The report shows a refusal that names features; any other is the form's to tell.
      if (!problems) throw error;
    }
  }

  const current = report && file === report.file && sameOptions(options, report.options) ? report : undefined;
  const clean = Boolean(current?.result && !current.problems.length);
  const refused = current && !current.result;
  const busy = upload.isPending;
  const importing = busy && upload.variables?.dryRun === false;
  const checking = busy && upload.variables?.dryRun === true;
  const faulty = useMemo(() => new Set(current?.problems.map((problem) => problem.feature)), [current]);

  return (
    <form
      className="admin-form boundary-upload"
      onSubmit={(event) => void run(true)(event)}
      noValidate
      aria-labelledby="boundary-upload-title"
    >
      <h3 id="boundary-upload-title">{t('admin.boundaries.upload.title')}</h3>
      <Field
        id="boundary-file"
        label={t('admin.boundaries.upload.file')}
        hint={t('admin.boundaries.upload.fileHint')}
        problem={fileError}
      >
        <input
          id="boundary-file"
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          onChange={(event) => void choose(event)}
          aria-invalid={fileError ? true : undefined}
          aria-describedby={describedBy('boundary-file', 'hint', fileError)}
        />
      </Field>
      {file && (
        <>
          <p className="admin-notice" role="status">
            {t('admin.boundaries.upload.summary', { name: file.name, count: file.features })}
          </p>
          <div className="admin-form-grid">
            <Field
              id="boundary-level"
              label={t('admin.boundaries.upload.level')}
              hint={t('admin.boundaries.upload.levelHint')}
              problem={errorOf('level')}
            >
              <select {...fieldAria('boundary-level', errorOf('level'), 'hint')} {...form.register('level')}>
                <option value="">{t('admin.boundaries.upload.chooseLevel')}</option>
                {AREA_LEVELS.map((level: AreaLevel) => (
                  <option key={level} value={level}>
                    {t(LEVEL_KEYS[level])}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              id="boundary-source"
              label={t('admin.boundaries.upload.source')}
              hint={t('admin.boundaries.upload.sourceHint')}
              problem={errorOf('source')}
            >
              <input
                type="text"
                maxLength={maxLengthOf(areaImportQuery.shape.source)}
                {...fieldAria('boundary-source', errorOf('source'), 'hint')}
                {...form.register('source')}
              />
            </Field>
          </div>
          <fieldset className="boundary-properties" aria-describedby="boundary-properties-hint">
            <legend>{t('admin.boundaries.upload.properties')}</legend>
            <p className="hint" id="boundary-properties-hint">
              {t('admin.boundaries.upload.propertiesHint')}
            </p>
            <div className="admin-form-grid">
              {PROPERTY_TARGETS.map((target) => {
                const id = `boundary-${target}`;
                return (
                  <Field key={target} id={id} label={t(PROPERTY_LABELS[target])} problem={errorOf(target)}>
                    <select {...fieldAria(id, errorOf(target))} {...form.register(target)}>
                      <option value="">{t('admin.boundaries.upload.auto')}</option>
                      {file.keys.map((key) => {
                        const preview = previewValue(file.first[key]);
                        return (
                          <option key={key} value={key}>
                            {preview ? `${key} — ${preview}` : key}
                          </option>
                        );
                      })}
                    </select>
                  </Field>
                );
              })}
            </div>
          </fieldset>
          <div className="admin-actions">
            <button type="submit" disabled={busy} data-action="check-boundaries">
              {t(checking ? 'admin.boundaries.upload.checking' : 'admin.boundaries.upload.check')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={busy || !clean}
              aria-describedby="boundary-import-hint"
              data-action="import-boundaries"
              onClick={(event) => void run(false)(event)}
            >
              {t(importing ? 'admin.boundaries.upload.importing' : 'admin.boundaries.upload.import')}
            </button>
          </div>
          <p className="hint" id="boundary-import-hint">
            {t('admin.boundaries.upload.importHint')}
          </p>
        </>
      )}
      <ProblemAlert error={failure} />
      {refused && (
        <p role="alert" className="admin-error">
          {t('admin.boundaries.upload.rejected')}
        </p>
      )}
      {notice && (
        <p role="status" className="admin-notice" data-testid="boundary-imported">
          {notice}
        </p>
      )}
      {current && (
        <BoundaryReport
          result={current.result}
          problems={current.problems}
          problemsTotal={current.problemsTotal}
          file={current.file}
          nameKey={current.options.name_kk}
        />
      )}
      {file && (
        <details className="boundary-preview" onToggle={(event) => setPreview(event.currentTarget.open)}>
          <summary>{t('admin.boundaries.upload.preview')}</summary>
          <p className="hint">{t('admin.boundaries.upload.previewHint')}</p>
          {preview && (
            <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
              <BoundaryPreview file={file} faulty={faulty} />
            </Suspense>
          )}
        </details>
      )}
    </form>
  );
}
