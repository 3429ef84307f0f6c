import { useTranslation } from 'react-i18next';
import { queryString } from '../api/client';
import type { ApiFilters } from '../filters/filters';

/** Downloads of exactly the selection on screen; the session cookie authorises the plain links. */
export function ExportButtons({ filters }: { filters: ApiFilters }) {
  const { t } = useTranslation();
  const query = queryString(filters);
  return (
    <div className="export-buttons" role="group" aria-label={t('hotspots.export.label')}>
      <span>{t('hotspots.export.label')}:</span>
      {(['xlsx', 'csv', 'geojson'] as const).map((format) => (
        <a key={format} href={`/api/hotspots/export.${format}${query}`} download data-testid={`export-${format}`}>
          {t(`hotspots.export.${format}`)}
        </a>
      ))}
    </div>
  );
}
