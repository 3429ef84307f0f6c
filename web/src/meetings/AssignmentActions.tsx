import { useRef } from 'react';
import { useController } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { acceptRequest, reportRequest, returnRequest } from '@oshaq/api/contract/meetings';
import { useSession } from '../api/hooks';
import { useIdempotencyKey } from '../api/idempotency-key';
import { FieldProblem, fieldAria } from '../forms/Field';
import { useContractForm } from '../forms/useContractForm';
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
  // One key per step pressed, kept until it succeeds: a report sent again after a lost answer is not refused.
  const once = useIdempotencyKey();
  const explain = useExplain();
  const reporting = user && part.status === 'assigned' && canReportFor(user, part.agency);
  const deciding = user && part.status === 'reported' && canManageMeetings(user);
  // The button pressed decides the request, and so the contract schema the text is checked by.
  const action = useRef<AssignmentStep['action']>('report');
  const { form, errorOf, submitWith, failure, busy } = useContractForm({
    get schema() {
      return { report: reportRequest, accept: acceptRequest, return: returnRequest }[action.current];
    },
    toBody: (values: { text: string }) => {
      const text = values.text.trim();
      if (action.current === 'report') return { report: text };
      return text || action.current === 'return' ? { note: text } : {};
    },
    bodyToField: { report: 'text', note: 'text' },
    get messages() {
      const required =
        action.current === 'report' ? 'meetings.assignment.reportRequired' : 'meetings.assignment.returnNoteRequired';
      return { text: { required } };
    },
    defaultValues: { text: '' },
  });
  const text = useController({ control: form.control, name: 'text' });
  const id = `assignment-${instructionId}-${part.agency}`;

  function send(next: AssignmentStep['action']) {
    action.current = next;
    void submitWith(async (body) => {
      const step = { action: next, body } as AssignmentStep;
      const idempotencyKey = once.keyFor(next);
      await change.mutateAsync({ instructionId, agency: part.agency, version: part.version, step, idempotencyKey });
      once.renew();
      form.reset();
    })();
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
              {...fieldAria(id, errorOf('text'))}
              name={reporting ? 'report' : 'decision-note'}
              rows={2}
              ref={text.field.ref}
              value={text.field.value}
              onChange={text.field.onChange}
              onBlur={text.field.onBlur}
            />
          </label>
          <FieldProblem id={id} problem={errorOf('text')} />
          <div className="buttons">
            {reporting && (
              <button type="button" disabled={busy} onClick={() => send('report')} data-action="report">
                {t('meetings.assignment.report')}
              </button>
            )}
            {deciding && (
              <>
                <button type="button" disabled={busy} onClick={() => send('accept')} data-action="accept">
                  {t('meetings.assignment.accept')}
                </button>
                <button type="button" disabled={busy} onClick={() => send('return')} data-action="return">
                  {t('meetings.assignment.return')}
                </button>
              </>
            )}
          </div>
        </div>
      )}
      {failure !== undefined && (
        <p role="alert" className="error">
          {explain(failure)}
        </p>
      )}
    </div>
  );
}
