import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../i18n/i18n';
import { useToday } from '../map/useSelection';

/**
 * A meeting's date as people read it: a meeting still ahead (after the city's today) is "planned
 * for" its date, never shown as if it had been held. Every place that shows a meeting's date goes
 * through here (list, detail, meeting mode, a hotspot's meetings).
 */
export function meetingDateText(heldOn: string, today: string, t: TFunction): string {
  return heldOn > today ? t('meetings.when.planned', { date: formatDate(heldOn) }) : formatDate(heldOn);
}

export function MeetingDate({ heldOn }: { heldOn: string }) {
  const { t } = useTranslation();
  const today = useToday();
  const planned = heldOn > today;
  return (
    <span className={planned ? 'meeting-date meeting-date-planned' : 'meeting-date'} data-planned={planned}>
      {meetingDateText(heldOn, today, t)}
    </span>
  );
}
