import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compareText, formatNumber } from '../i18n/i18n';

export interface BreakdownRow {
  key: string;
  name: string;
  entered: number;
  resolved: number;
}

type Column = 'name' | 'entered' | 'resolved';
interface Order {
  column: Column;
  descending: boolean;
}

function sortRows(rows: BreakdownRow[], { column, descending }: Order): BreakdownRow[] {
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const primary = column === 'name' ? compareText(a.name, b.name) : a[column] - b[column];
    // Ties fall back to the name, so equal counts keep a stable, alphabetical order.
    return sign * primary || compareText(a.name, b.name);
  });
}

/**
 * One breakdown as a table whose column headers sort it (largest first for counts, А–Я for names).
 * The headers are buttons, so sorting works from the keyboard, and aria-sort says the current order.
 */
export function BreakdownTable(props: { title: string; nameColumn: string; rows: BreakdownRow[]; testId: string }) {
  const { title, nameColumn, rows, testId } = props;
  const { t } = useTranslation();
  const [order, setOrder] = useState<Order>({ column: 'entered', descending: true });
  const sorted = sortRows(rows, order);
  const highest = Math.max(1, ...rows.map((row) => row.entered));
  const total = rows.reduce(
    (sum, row) => ({ entered: sum.entered + row.entered, resolved: sum.resolved + row.resolved }),
    {
      entered: 0,
      resolved: 0,
    },
  );

  function header(column: Column, label: string) {
    const active = order.column === column;
    const choose = () =>
      setOrder(active ? { column, descending: !order.descending } : { column, descending: column !== 'name' });
    return (
      <th
        scope="col"
        className={column === 'name' ? 'name' : 'number'}
        aria-sort={active ? (order.descending ? 'descending' : 'ascending') : undefined}
      >
        <button type="button" className="sort-button" onClick={choose}>
          {label}
          <span className="sort-mark" aria-hidden="true">
            {active ? (order.descending ? '▼' : '▲') : '↕'}
          </span>
        </button>
      </th>
    );
  }

  return (
    <section className="breakdown" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <h3 id={`${testId}-title`}>{title}</h3>
      {rows.length === 0 ? (
        <p className="empty">{t('dashboard.breakdowns.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              {header('name', nameColumn)}
              {header('entered', t('dashboard.breakdowns.entered'))}
              {header('resolved', t('dashboard.breakdowns.resolved'))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr key={row.key}>
                <th scope="row" className="name">
                  {row.name}
                </th>
                <td className="number">
                  {formatNumber(row.entered)}
                  <span className="share" aria-hidden="true" style={{ width: `${(row.entered / highest) * 100}%` }} />
                </td>
                <td className="number">{formatNumber(row.resolved)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" className="name">
                {t('dashboard.breakdowns.total')}
              </th>
              <td className="number">{formatNumber(total.entered)}</td>
              <td className="number">{formatNumber(total.resolved)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
