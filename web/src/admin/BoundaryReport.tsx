import { useTranslation } from 'react-i18next';
import { fieldWords } from '../api/problem-words';
import { formatNumber } from '../i18n/i18n';
import type { AreaImportIssue, AreaImportResult, ParsedBoundaries } from './boundaries-api';

const COUNT_LABELS = {
  features: 'admin.boundaries.report.features',
  added: 'admin.boundaries.report.added',
  updated: 'admin.boundaries.report.updated',
  repaired: 'admin.boundaries.report.repaired',
  problems: 'admin.boundaries.report.problems',
} as const;

interface IssueTableProps {
  title: string;
  issues: AreaImportIssue[];
  testId: string;
  /** The feature's name in the file, to tell "feature 12" apart without opening the file. */
  nameOf: (feature: number) => string;
}

function IssueTable({ title, issues, testId, nameOf }: IssueTableProps) {
  const { t } = useTranslation();
  return (
    <div className="admin-table-wrap">
      <table className="admin-table" data-testid={testId}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.boundaries.report.feature')}</th>
            <th scope="col">{t('admin.boundaries.report.field')}</th>
            <th scope="col">{t('admin.boundaries.report.message')}</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((issue, index) => (
            <tr key={index}>
              <th scope="row" data-feature={issue.feature}>
                {issue.feature < 0
                  ? t('admin.boundaries.report.wholeFile')
                  : t('admin.boundaries.report.number', { number: issue.feature + 1 })}
                {nameOf(issue.feature) && <span className="block hint">{nameOf(issue.feature)}</span>}
              </th>
              <td className="code">{issue.field ?? '—'}</td>
              <td>{fieldWords(issue, t) ?? issue.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * What the API found in the file (features are counted from 0 there, from 1 here, as people count): the counts of a dry run, what it repaired on the way (kept for
 * review, not a reason to stop), and the problems that block the import. A refused import brings
 * only its problems.
 */
export function BoundaryReport({
  result,
  problems,
  problemsTotal,
  file,
  nameKey,
}: {
  result?: AreaImportResult;
  problems: AreaImportIssue[];
  problemsTotal: number;
  file: ParsedBoundaries;
  nameKey: string;
}) {
  const { t } = useTranslation();
  const nameOf = (feature: number) => {
    const properties = (file.json.features[feature] as { properties?: Record<string, unknown> } | undefined)
      ?.properties;
    const name = nameKey ? properties?.[nameKey] : undefined;
    return typeof name === 'string' ? name : '';
  };
  const counts =
    result &&
    ([
      ['features', result.features],
      ['added', result.added],
      ['updated', result.updated],
      ['repaired', result.repaired.length],
      ['problems', problemsTotal],
    ] as const);
  return (
    <section className="boundary-report" aria-labelledby="boundary-report-title" data-testid="boundary-report">
      <h3 id="boundary-report-title">{t('admin.boundaries.report.title')}</h3>
      {counts && (
        <dl className="boundary-counts">
          {counts.map(([name, value]) => (
            <div key={name} data-count={name}>
              <dt>{t(COUNT_LABELS[name])}</dt>
              <dd>{formatNumber(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      <p role="status" className={problems.length ? 'admin-error' : 'admin-notice'}>
        {problems.length
          ? t('admin.boundaries.report.failed', { count: problemsTotal })
          : t('admin.boundaries.report.clean')}
      </p>
      {problems.length > 0 && (
        <IssueTable
          title={
            problemsTotal > problems.length
              ? t('admin.boundaries.report.problemsFirst', { shown: problems.length, total: problemsTotal })
              : t('admin.boundaries.report.problemsTitle')
          }
          issues={problems}
          testId="boundary-problems"
          nameOf={nameOf}
        />
      )}
      {result && result.repaired.length > 0 && (
        <IssueTable
          title={t('admin.boundaries.report.repairedTitle')}
          issues={result.repaired}
          testId="boundary-repaired"
          nameOf={nameOf}
        />
      )}
    </section>
  );
}
