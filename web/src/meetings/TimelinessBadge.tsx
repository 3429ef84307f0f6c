import { useTranslation } from 'react-i18next';
import type { AssignmentStatus, Timeliness } from './api';
import { ASSIGNMENT_STATUS_LABELS, TIMELINESS_LABELS } from './labels';

/** Where a part stands (assigned, reported, accepted) and how against its deadline. */
export function TimelinessBadge({ status, timeliness }: { status: AssignmentStatus; timeliness: Timeliness }) {
  const { t } = useTranslation();
  return (
    <span className={`badge timeliness-${timeliness}`} data-status={status} data-timeliness={timeliness}>
      {t(ASSIGNMENT_STATUS_LABELS[status])} · {t(TIMELINESS_LABELS[timeliness])}
    </span>
  );
}
