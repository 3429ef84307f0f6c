import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AREA_LEVELS } from '@oshaq/api/contract/levels';
import { useAreas } from '../api/hooks';
import type { AreaFeature } from '../api/types';
import { compareText } from '../i18n/i18n';
import { localName } from '../i18n/names';
import { LEVEL_KEYS } from './boundaries-api';
import { BoundaryUpload } from './BoundaryUpload';
import { ProblemAlert } from './Problem';

/** Largest level first, then alphabetically by the Kazakh name, whatever the interface language. */
function byLevelThenName(a: AreaFeature, b: AreaFeature): number {
  const level = AREA_LEVELS.indexOf(a.properties.level) - AREA_LEVELS.indexOf(b.properties.level);
  return level || compareText(a.properties.name_kk, b.properties.name_kk, 'kk');
}

/** The stored areas, and the import that replaces or adds to them. */
export function BoundariesSection() {
  const { t, i18n } = useTranslation();
  const areas = useAreas();
  const rows = useMemo(() => [...(areas.data?.features ?? [])].sort(byLevelThenName), [areas.data]);
  const byId = useMemo(() => new Map(rows.map((area) => [area.properties.id, area])), [rows]);
  const name = (area: AreaFeature | undefined) => localName(area?.properties, i18n.language);

  return (
    <section className="admin-section" aria-labelledby="boundaries-title">
      <div className="admin-section-head">
        <h2 id="boundaries-title">{t('admin.boundaries.title')}</h2>
      </div>
      <p className="hint">{t('admin.boundaries.hint')}</p>
      <BoundaryUpload />
      {areas.isPending && <p className="loading">{t('common.loading')}</p>}
      <ProblemAlert error={areas.error} />
      {areas.data && !rows.length && <p className="admin-notice">{t('admin.boundaries.empty')}</p>}
      {rows.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table" data-testid="areas-table">
            <caption>{t('admin.boundaries.count', { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.boundaries.columns.level')}</th>
                <th scope="col">{t('admin.boundaries.columns.code')}</th>
                <th scope="col">{t('admin.boundaries.columns.name')}</th>
                <th scope="col">{t('admin.boundaries.columns.parent')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((area) => {
                const parentId = area.properties.parent_id;
                return (
                  <tr key={area.properties.id} data-area={area.properties.id}>
                    <td>{t(LEVEL_KEYS[area.properties.level])}</td>
                    <td className="code">{area.properties.code ?? '—'}</td>
                    <th scope="row">{name(area)}</th>
                    <td>{parentId === null ? '—' : name(byId.get(parentId)) || `#${parentId}`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
