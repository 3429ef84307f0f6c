import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/hooks';
import { formatDate } from '../i18n/i18n';
import { useAssignmentStep, type Assignment, type AssignmentStep } from './api';
import { canManageMeetings, canReportFor } from './permissions';
import { useExplain } from './useNames';

/**
 * One agency's part of an instruction: what it reported and what the secretary said, and the next
 * step this person may take — the agency reports; the secretary accepts (done) or returns it.
 */
export function AssignmentActions({ instructionId, part }: { instructionId: number; part: Assignment }) {
  const { t } = useTranslation();
  const user = useSession().data?.user;
  const change = useAssignmentStep();
  const explain = useExplain();
  const [text, setText] = useState('');
  const [message, setMessage] = useState('');
  const reporting = user && part.status === 'assigned' && canReportFor(user, part.agency);
  const deciding = user && part.status === 'reported' && canManageMeetings(user);

  async function run(step: AssignmentStep) {
    setMessage('');
    try {
      await change.mutateAsync({ instructionId, agency: part.agency, version: part.version, step });
      setText('');
    } catch (error) {
      setMessage(explain(error));
    }
  }
  function send(action: AssignmentStep['action']) {
    const note = text.trim();
    if (action === 'report') {
      if (!note) return setMessage(t('meetings.assignment.reportRequired'));
      void run({ action, body: { report: note } });
    } else if (action === 'return') {
      if (!note) return setMessage(t('meetings.assignment.returnNoteRequired'));
      void run({ action, body: { note } });
    } else void run({ action, body: note ? { note } : {} });
  }

  return (
    <div className="assignment-detail">
      {part.report && (
        <blockquote className="report" data-testid="assignment-report">
          {part.report}
          <footer>
            {part.reported_by} · {formatDate(part.reported_on)}
          </footer>
        </blockquote>
      )}
      {part.status === 'assigned' && part.return_note && (
        <p className="returned">
          {t('meetings.assignment.returnedOn', { date: formatDate(part.returned_on) })}: {part.return_note}
        </p>
      )}
      {part.status === 'accepted' && (
        <p className="accepted">
          {t('meetings.assignment.acceptedOn', { date: formatDate(part.accepted_on), name: part.accepted_by ?? '' })}
          {part.acceptance_note && `: ${part.acceptance_note}`}
        </p>
      )}
      {(reporting || deciding) && (
        <div className="assignment-form">
          <label className="field">
            {reporting ? t('meetings.assignment.reportText') : t('meetings.assignment.decisionNote')}
            <textarea
              name={reporting ? 'report' : 'decision-note'}
              rows={2}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          </label>
          <div className="buttons">
            {reporting && (
              <button type="button" disabled={change.isPending} onClick={() => send('report')} data-action="report">
                {t('meetings.assignment.report')}
              </button>
            )}
            {deciding && (
              <>
                <button type="button" disabled={change.isPending} onClick={() => send('accept')} data-action="accept">
                  {t('meetings.assignment.accept')}
                </button>
                <button type="button" disabled={change.isPending} onClick={() => send('return')} data-action="return">
                  {t('meetings.assignment.return')}
                </button>
              </>
            )}
          </div>
        </div>
      )}
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
    </div>
  );
}
