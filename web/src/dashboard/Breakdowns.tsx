import { useTranslation } from 'react-i18next';
import { useAgencies, useAreas, useCategories } from '../api/hooks';
import type { Stats } from '../api/types';
import { localName } from '../i18n/names';
import { BreakdownTable, type BreakdownRow } from './BreakdownTable';

/**
 * Entered and resolved by category, area and responsible agency, named in the interface's language.
 * Until the reference lists arrive a row shows its code, never an empty cell.
 */
export function Breakdowns({ stats }: { stats: Stats }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const categories = useCategories();
  const agencies = useAgencies();
  const areas = useAreas();

  const categoryRows: BreakdownRow[] = stats.by_category.map((row) => {
    const category = categories.data?.find((item) => item.code === row.category);
    return { ...row, key: row.category, name: category ? localName(category, language) : row.category };
  });
  const areaRows: BreakdownRow[] = stats.by_area.map((row) => {
    const area = areas.data?.features.find((feature) => feature.properties.id === row.area_id);
    const name =
      row.area_id === null
        ? t('dashboard.breakdowns.noArea')
        : area
          ? localName(area.properties, language)
          : String(row.area_id);
    return { ...row, key: String(row.area_id), name };
  });
  const agencyRows: BreakdownRow[] = stats.by_agency.map((row) => {
    const agency = agencies.data?.find((item) => item.code === row.agency);
    const name =
      row.agency === null ? t('dashboard.breakdowns.noAgency') : agency ? localName(agency, language) : row.agency;
    return { ...row, key: row.agency ?? '', name };
  });

  return (
    <>
      {!stats.breakdowns_include_confidential && (
        <p className="note" data-testid="breakdowns-exclude-confidential">
          {t('dashboard.breakdowns.excludesConfidential')}
        </p>
      )}
      <div className="breakdowns">
        <BreakdownTable
          testId="breakdown-category"
          title={t('dashboard.breakdowns.category')}
          nameColumn={t('dashboard.breakdowns.categoryColumn')}
          rows={categoryRows}
        />
        <BreakdownTable
          testId="breakdown-area"
          title={t('dashboard.breakdowns.area')}
          nameColumn={t('dashboard.breakdowns.areaColumn')}
          rows={areaRows}
        />
        <BreakdownTable
          testId="breakdown-agency"
          title={t('dashboard.breakdowns.agency')}
          nameColumn={t('dashboard.breakdowns.agencyColumn')}
          rows={agencyRows}
        />
      </div>
    </>
  );
}
