import { useTranslation } from 'react-i18next';
import type { Stats } from '../api/types';
import { currentLocale, formatNumber } from '../i18n/i18n';
import { fillMonths, formatMonth, niceTicks, type MonthCount } from './months';

// Drawing units of the viewBox; the SVG scales to its box, so these only set proportions and text size.
const WIDTH = 760;
const HEIGHT = 260;
const LEFT = 40;
const RIGHT = 8;
const TOP = 18;
const BOTTOM = 44;
/** Beyond this many months the bars are too narrow to carry their numbers legibly. */
const MAX_VALUE_LABELS = 18;

function Bars({ months, max }: { months: MonthCount[]; max: number }) {
  const locale = currentLocale();
  const band = (WIDTH - LEFT - RIGHT) / months.length;
  const bar = Math.min(28, band * 0.36);
  const y = (value: number) => TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / max);
  const labelEvery = Math.ceil(months.length / 12);
  const showValues = months.length <= MAX_VALUE_LABELS;
  return (
    <>
      {months.map((month, index) => {
        const middle = LEFT + band * index + band / 2;
        const year = month.month.slice(0, 4);
        // The year goes under the first labelled month and under the first labelled one of each new year.
        const showYear = index === 0 || months[index - labelEvery]?.month.slice(0, 4) !== year;
        return (
          <g key={month.month}>
            {(['entered', 'resolved'] as const).map((series, side) => {
              const value = month[series];
              const x = side === 0 ? middle - bar - 1 : middle + 1;
              return (
                <g key={series}>
                  <rect className={`bar bar-${series}`} x={x} y={y(value)} width={bar} height={y(0) - y(value)} />
                  {showValues && value > 0 && (
                    <text className="bar-value" x={x + bar / 2} y={y(value) - 4} textAnchor="middle">
                      {formatNumber(value, locale)}
                    </text>
                  )}
                </g>
              );
            })}
            {index % labelEvery === 0 && (
              <text className="axis-label" x={middle} y={HEIGHT - BOTTOM + 16} textAnchor="middle">
                {formatMonth(month.month, locale, 'short')}
              </text>
            )}
            {showYear && index % labelEvery === 0 && (
              <text className="axis-label axis-year" x={middle} y={HEIGHT - BOTTOM + 32} textAnchor="middle">
                {year}
              </text>
            )}
          </g>
        );
      })}
    </>
  );
}

function Axis({ ticks, max }: { ticks: number[]; max: number }) {
  const y = (value: number) => TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / max);
  return (
    <>
      {ticks.map((tick) => (
        <g key={tick}>
          <line
            className={tick === 0 ? 'axis-base' : 'gridline'}
            x1={LEFT}
            x2={WIDTH - RIGHT}
            y1={y(tick)}
            y2={y(tick)}
          />
          <text className="axis-label" x={LEFT - 6} y={y(tick) + 4} textAnchor="end">
            {formatNumber(tick)}
          </text>
        </g>
      ))}
    </>
  );
}

/**
 * Entered against resolved, month by month, as a plain SVG bar chart. The picture is hidden from
 * screen readers, which get the same numbers as a table instead of a description of bars.
 */
export function TrendChart({ stats }: { stats: Stats }) {
  const { t } = useTranslation();
  const months = fillMonths(stats.by_month, stats.period.from, stats.period.to);
  const locale = currentLocale();
  if (!months.length) return <p className="empty">{t('dashboard.trend.empty')}</p>;
  const highest = Math.max(1, ...months.flatMap((month) => [month.entered, month.resolved]));
  const ticks = niceTicks(highest);
  const max = ticks[ticks.length - 1] ?? highest;
  return (
    <figure className="trend-chart" data-testid="trend-chart">
      <ul className="legend" aria-hidden="true">
        <li>
          <span className="swatch swatch-entered" />
          {t('dashboard.trend.entered')}
        </li>
        <li>
          <span className="swatch swatch-resolved" />
          {t('dashboard.trend.resolved')}
        </li>
      </ul>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="trend-svg" aria-hidden="true" focusable="false">
        <Axis ticks={ticks} max={max} />
        <Bars months={months} max={max} />
      </svg>
      <table className="visually-hidden">
        <caption>{t('dashboard.trend.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.trend.month')}</th>
            <th scope="col">{t('dashboard.trend.entered')}</th>
            <th scope="col">{t('dashboard.trend.resolved')}</th>
          </tr>
        </thead>
        <tbody>
          {months.map((month) => (
            <tr key={month.month}>
              <th scope="row">{formatMonth(month.month, locale)}</th>
              <td>{formatNumber(month.entered, locale)}</td>
              <td>{formatNumber(month.resolved, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
