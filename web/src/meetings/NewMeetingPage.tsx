import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useHotspot, useSession } from '../api/hooks';
import { useIdempotencyKey } from '../api/idempotency-key';
import { useToday } from '../map/useSelection';
import { useCreateMeeting } from './api';
import { MeetingForm, type MeetingFields } from './MeetingForm';
import { canManageMeetings } from './permissions';
import './meetings.css';
import { useProblemText } from '../api/problem-text';

/**
 * A new meeting. Opened from a hotspot's panel as /meetings/new?hotspot=ID, the hotspot is its first
 * agenda item, so a meeting can be prepared from the map.
 */
export default function NewMeetingPage() {
  const { t } = useTranslation();
  // A failed read in the person's words (the API's detail is English, for API users).
  const problemText = useProblemText();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const user = useSession().data?.user;
  const today = useToday();
  const hotspotId = search.get('hotspot') ?? undefined;
  const hotspot = useHotspot(hotspotId);
  const create = useCreateMeeting();
  const once = useIdempotencyKey();

  if (user && !canManageMeetings(user)) return <p role="alert">{t('common.errors.forbidden')}</p>;

  async function submit(fields: MeetingFields) {
    const agenda = hotspotId ? [{ hotspot_id: hotspotId }] : [];
    const meeting = await create.mutateAsync({ body: { ...fields, agenda }, idempotencyKey: once.keyFor() });
    void navigate(`/meetings/${meeting.id}`);
  }

  const initial: MeetingFields = {
    held_on: today,
    kind: 'interagency_prosecutor',
    title: '',
    chair: '',
    agencies: [],
    minutes: '',
  };

  return (
    <div className="meetings-page">
      <p>
        <Link to="/meetings">← {t('meetings.list.title')}</Link>
      </p>
      <h1>{t('meetings.new.title')}</h1>
      {hotspotId && (
        <p className="hint" data-testid="agenda-from-map">
          {hotspot.data
            ? t('meetings.new.withHotspot', {
                reference: hotspot.data.properties.reference,
                title: hotspot.data.properties.title,
              })
            : hotspot.isError
              ? problemText(hotspot.error)
              : t('common.loading')}
        </p>
      )}
      <MeetingForm initial={initial} onSubmit={submit} />
    </div>
  );
}
