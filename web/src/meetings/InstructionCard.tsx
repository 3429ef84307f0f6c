import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../i18n/i18n';
import { useState } from 'react';
import { useSession } from '../api/hooks';
import { useDeleteInstruction, type Instruction } from './api';
import { canManageMeetings } from './permissions';
import { AssignmentActions } from './AssignmentActions';
import { TimelinessBadge } from './TimelinessBadge';
import { useAgencyName, useExplain } from './useNames';

/** One instruction: its text, deadline and hotspot, and each agency's part with its next step. */
export function InstructionCard({ instruction }: { instruction: Instruction }) {
  const { t } = useTranslation();
  const agencyName = useAgencyName();
  const user = useSession().data?.user;
  const remove = useDeleteInstruction();
  const explain = useExplain();
  const [message, setMessage] = useState('');

  async function deleteInstruction() {
    if (!window.confirm(t('meetings.instructions.confirmDelete'))) return;
    setMessage('');
    try {
      await remove.mutateAsync({ id: instruction.id, version: instruction.version });
    } catch (error) {
      setMessage(explain(error));
    }
  }

  return (
    <article className="instruction" data-testid="instruction" data-instruction={instruction.id}>
      <p className="instruction-text">{instruction.text}</p>
      <p className="meta">
        {t('meetings.instructions.dueOn', { date: formatDate(instruction.due_on) })}
        {instruction.hotspot && (
          <>
            {' · '}
            <Link to={`/?period=all&h=${instruction.hotspot.id}`}>
              <span className="ref">{instruction.hotspot.reference}</span> {instruction.hotspot.title}
            </Link>
          </>
        )}
      </p>
      <ul className="assignments">
        {instruction.assignments.map((part) => (
          <li key={part.agency} data-agency={part.agency} data-status={part.status}>
            <div className="assignment-head">
              <strong>{agencyName(part.agency)}</strong>{' '}
              <TimelinessBadge status={part.status} timeliness={part.timeliness} />
            </div>
            <AssignmentActions instructionId={instruction.id} part={part} />
          </li>
        ))}
      </ul>
      {user && canManageMeetings(user) && (
        <button
          type="button"
          className="link-button"
          disabled={remove.isPending}
          onClick={() => void deleteInstruction()}
          data-action="delete-instruction"
        >
          {t('meetings.instructions.delete')}
        </button>
      )}
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
    </article>
  );
}
