import { useTranslation } from 'react-i18next';
import { queryString } from '../api/client';
import type { ApiFilters } from '../filters/filters';
import type { ListSort } from './HotspotList';

/**
 * Downloads of exactly the selection on screen, in the list's order; the session cookie authorises
 * the plain links. CSV and XLSX are for people, so they come in the interface's language; the
 * GeoJSON is for programs and keeps codes.
 */
export function ExportButtons({ filters, sort }: { filters: ApiFilters; sort: ListSort }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return (
    <div className="export-buttons" role="group" aria-label={t('hotspots.export.label')}>
      <span>{t('hotspots.export.label')}:</span>
      {(['xlsx', 'csv', 'geojson'] as const).map((format) => (
        <a
          key={format}
          href={`/api/hotspots/export.${format}${queryString({ ...filters, sort, ...(format === 'geojson' ? {} : { lang }) })}`}
          download
          data-testid={`export-${format}`}
        >
          {t(`hotspots.export.${format}`)}
        </a>
      ))}
    </div>
  );
}
