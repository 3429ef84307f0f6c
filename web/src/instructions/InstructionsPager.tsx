import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/i18n';
import { PAGE_SIZE } from './filters';

/** Previous and next pages of the list, and where this page stands in the whole ("51–100 of 230"). */
export function InstructionsPager({
  offset,
  shown,
  total,
  onPage,
}: {
  offset: number;
  shown: number;
  total: number;
  onPage: (offset: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <nav className="pager instructions-pager" aria-label={t('instructions.pager.label')}>
      <button type="button" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - PAGE_SIZE))}>
        {t('instructions.pager.previous')}
      </button>
      {shown > 0 && (
        <span data-testid="instructions-range">
          {t('instructions.pager.range', {
            from: formatNumber(offset + 1),
            to: formatNumber(offset + shown),
            total: formatNumber(total),
          })}
        </span>
      )}
      <button type="button" disabled={offset + PAGE_SIZE >= total} onClick={() => onPage(offset + PAGE_SIZE)}>
        {t('instructions.pager.next')}
      </button>
    </nav>
  );
}
