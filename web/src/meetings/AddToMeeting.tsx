import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { meetingDateText } from './meeting-date';
import { useToday } from '../map/useSelection';
import { useAddAgendaItem, useMeetings } from './api';
import { useExplain } from './useNames';
import { useIdempotencyKey } from '../api/idempotency-key';

/**
 * Prepares a meeting from the map: puts the hotspot on the agenda of a coming meeting, or opens a
 * new meeting with it as the first item.
 */
export function AddToMeeting({ hotspotId }: { hotspotId: string }) {
  const { t } = useTranslation();
  const today = useToday();
  const coming = useMeetings({ from: today, limit: 20 });
  const add = useAddAgendaItem();
  const once = useIdempotencyKey();
  const explain = useExplain();
  const [chosen, setChosen] = useState('');
  const [message, setMessage] = useState('');
  const meetings = coming.data?.meetings ?? [];
  const target = chosen || (meetings[0] ? String(meetings[0].id) : '');

  async function addToAgenda() {
    setMessage('');
    try {
      await add.mutateAsync({
        meetingId: Number(target),
        item: { hotspot_id: hotspotId },
        idempotencyKey: once.keyFor(target),
      });
      once.renew();
      setMessage(t('meetings.hotspot.added'));
    } catch (error) {
      setMessage(explain(error));
    }
  }

  return (
    <div className="add-to-meeting">
      {meetings.length > 0 && (
        <div className="inline-form">
          <label className="field">
            {t('meetings.hotspot.comingMeeting')}
            <select name="meeting" value={target} onChange={(event) => setChosen(event.target.value)}>
              {meetings.map((meeting) => (
                <option key={meeting.id} value={meeting.id}>
                  {meetingDateText(meeting.held_on, today, t)} — {meeting.title}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={add.isPending} onClick={() => void addToAgenda()} data-action="add-to-agenda">
            {t('meetings.hotspot.addToAgenda')}
          </button>
        </div>
      )}
      <Link to={`/meetings/new?hotspot=${hotspotId}`} data-action="prepare-meeting">
        {t('meetings.hotspot.prepare')}
      </Link>
      {message && (
        <p role="status" className="message">
          {message}
        </p>
      )}
    </div>
  );
}
