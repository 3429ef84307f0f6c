import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/i18n';
import type { ImportProblem } from './api';
import { problemWords } from './problem-words';

/** Enough to work through; a file wrong on every line would otherwise make the page crawl. */
const SHOWN = 1000;

/**
 * The problems of a file, one line each, by row number (either way round), with how many there
 * are. The API lists the first 1000 by row and counts them all (`total`): the caption then says
 * "first 1000 of 100,000".
 */
export function ProblemsTable({ problems, total }: { problems: readonly ImportProblem[]; total?: number }) {
  const { t } = useTranslation();
  const [descending, setDescending] = useState(false);
  const rows = new Set(problems.map((problem) => problem.row)).size;
  // Array.prototype.sort is stable: a row's problems keep the API's order (field by field).
  const sorted = [...problems].sort((a, b) => (descending ? b.row - a.row : a.row - b.row));
  const shown = sorted.slice(0, SHOWN);
  const all = Math.max(total ?? problems.length, problems.length);

  return (
    <div className="import-problems">
      <table data-testid="import-problems">
        <caption>
          {all > shown.length
            ? t('imports.problems.captionFirst', { shown: formatNumber(shown.length), total: formatNumber(all) })
            : t('imports.problems.caption', { problems: formatNumber(problems.length), rows: formatNumber(rows) })}
        </caption>
        <thead>
          <tr>
            <th scope="col" aria-sort={descending ? 'descending' : 'ascending'}>
              <button
                type="button"
                className="sort"
                onClick={() => setDescending(!descending)}
                title={t('imports.problems.sort')}
                data-action="sort-problems"
              >
                {t('imports.problems.row')} <span aria-hidden="true">{descending ? '▼' : '▲'}</span>
              </button>
            </th>
            <th scope="col">{t('imports.problems.field')}</th>
            <th scope="col">{t('imports.problems.message')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((problem, index) => (
            <tr key={index}>
              <td className="number">{formatNumber(problem.row)}</td>
              <td>
                <code>{problem.field}</code>
              </td>
              <td>{problemWords(problem, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {all > shown.length && (
        <p className="hint">{t('imports.problems.firstOnly', { shown: formatNumber(shown.length) })}</p>
      )}
    </div>
  );
}
