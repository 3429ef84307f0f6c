import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../api/hooks';
import { compareText } from '../i18n/i18n';
import { MeetingDate } from './meeting-date';
import { useDeleteMeeting, useEditMeeting, useMeeting } from './api';
import { AgendaSection } from './AgendaSection';
import { InstructionCard } from './InstructionCard';
import { InstructionForm } from './InstructionForm';
import { KIND_LABELS } from './labels';
import { MeetingForm, type MeetingFields } from './MeetingForm';
import { canManageMeetings } from './permissions';
import { useAgencyName, useExplain } from './useNames';
import './meetings.css';
import { useProblemText } from '../api/problem-text';

/** One meeting: its facts and minutes, its agenda, and the instructions given with their follow-up. */
export default function MeetingDetailPage() {
  const { t } = useTranslation();
  // A failed read in the person's words (the API's detail is English, for API users).
  const problemText = useProblemText();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const meeting = useMeeting(id);
  const user = useSession().data?.user;
  const edit = useEditMeeting();
  const remove = useDeleteMeeting();
  const explain = useExplain();
  const agencyName = useAgencyName();
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState('');

  if (!Number.isInteger(id) || id <= 0) return <p role="alert">{t('meetings.errors.notFound')}</p>;
  if (meeting.isPending) return <p className="loading">{t('common.loading')}</p>;
  if (meeting.isError)
    return (
      <div className="meetings-page">
        <p role="alert">{problemText(meeting.error)}</p>
        <Link to="/meetings">← {t('meetings.list.title')}</Link>
      </div>
    );
  const m = meeting.data;
  const editable = Boolean(user && canManageMeetings(user));

  /** A refusal is kept here too: a stale edit refreshes the meeting, which renews the form. */
  async function save(fields: MeetingFields) {
    setMessage('');
    try {
      await edit.mutateAsync({ id: m.id, version: m.version, patch: fields });
      setEditing(false);
    } catch (error) {
      setMessage(explain(error));
      throw error;
    }
  }
  async function deleteMeeting() {
    if (!window.confirm(t('meetings.detail.confirmDelete'))) return;
    try {
      await remove.mutateAsync({ id: m.id, version: m.version });
      void navigate('/meetings');
    } catch (error) {
      setMessage(explain(error));
    }
  }

  return (
    <div className="meetings-page meeting-detail" data-testid="meeting-detail" data-meeting={m.id}>
      <p>
        <Link to="/meetings">← {t('meetings.list.title')}</Link>
      </p>
      {editing ? (
        <MeetingForm
          key={m.version}
          initial={{
            held_on: m.held_on,
            kind: m.kind,
            title: m.title,
            chair: m.chair,
            agencies: m.agencies,
            minutes: m.minutes,
          }}
          message={message}
          onSubmit={save}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <div className="page-head">
            <h1 id="meeting-title">{m.title}</h1>
            {editable && (
              <div className="buttons">
                <button type="button" onClick={() => setEditing(true)} data-action="edit-meeting">
                  {t('meetings.detail.edit')}
                </button>
                <button type="button" onClick={() => void deleteMeeting()} data-action="delete-meeting">
                  {t('meetings.detail.delete')}
                </button>
              </div>
            )}
          </div>
          <dl className="facts">
            <div>
              <dt>{t('meetings.fields.held_on')}</dt>
              <dd>
                <MeetingDate heldOn={m.held_on} />
              </dd>
            </div>
            <div>
              <dt>{t('meetings.fields.kind')}</dt>
              <dd>{t(KIND_LABELS[m.kind])}</dd>
            </div>
            <div>
              <dt>{t('meetings.fields.chair')}</dt>
              <dd>{m.chair || t('common.none')}</dd>
            </div>
            <div>
              <dt>{t('meetings.fields.agencies')}</dt>
              <dd>
                {m.agencies.length
                  ? m.agencies
                      .map(agencyName)
                      .sort((a, b) => compareText(a, b))
                      .join(', ')
                  : t('common.none')}
              </dd>
            </div>
          </dl>
          {message && (
            <p role="alert" className="error">
              {message}
            </p>
          )}
          <section className="meeting-section" aria-labelledby="minutes-heading">
            <h2 id="minutes-heading">{t('meetings.fields.minutes')}</h2>
            {m.minutes ? (
              <p className="minutes">{m.minutes}</p>
            ) : (
              <p className="hint">{t('meetings.detail.noMinutes')}</p>
            )}
          </section>
        </>
      )}
      <AgendaSection meeting={m} editable={editable} />
      <section className="meeting-section" aria-labelledby="instructions-heading">
        <h2 id="instructions-heading">{t('meetings.instructions.title')}</h2>
        {m.instructions.length === 0 && <p className="hint">{t('meetings.instructions.empty')}</p>}
        {m.instructions.map((instruction) => (
          <InstructionCard key={instruction.id} instruction={instruction} />
        ))}
        {editable && <InstructionForm meeting={m} />}
      </section>
    </div>
  );
}
