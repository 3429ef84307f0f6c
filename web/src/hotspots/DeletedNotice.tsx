import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useProblemText } from '../api/problem-text';
import type { Deleted } from './DeleteHotspot';
import { useRestoreHotspot } from './useDeletion';

/**
 * "Deleted — Undo", where the hotspot was shown. The API allows the undo for a while after the
 * deletion; later it answers restore_window_passed, which the notice words rather than a conflict.
 */
export function DeletedNotice({
  deleted,
  onRestored,
  onClose,
}: {
  deleted: Deleted;
  onRestored: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const restore = useRestoreHotspot();
  const problemText = useProblemText();
  const error = restore.error;
  const message =
    error instanceof ApiError && error.body.code === 'restore_window_passed'
      ? t('hotspotDeletion.tooLate')
      : error
        ? problemText(error, { staleKey: 'hotspotDeletion.changedSince' })
        : '';
  return (
    <section className="hotspot-panel deleted-notice" data-testid="deleted-notice">
      <p role="status">{t('hotspotDeletion.deleted', { reference: deleted.reference })}</p>
      <div className="buttons">
        <button
          type="button"
          disabled={restore.isPending}
          data-action="undo-delete"
          onClick={() =>
            restore.mutate({ id: deleted.id, version: deleted.version }, { onSuccess: () => onRestored() })
          }
        >
          {t('hotspotDeletion.undo')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      {message && (
        <p role="alert" className="message">
          {message}
        </p>
      )}
    </section>
  );
}
