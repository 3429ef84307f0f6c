import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../i18n/i18n';
import { useEffect, useRef, useState } from 'react';
import { useSession } from '../api/hooks';
import { useToday } from '../map/useSelection';
import { useDeleteInstruction, useEditInstruction, type Instruction, type InstructionPatch } from './api';
import { InstructionEditForm } from './InstructionEditForm';
import { canManageMeetings } from './permissions';
import { AssignmentActions } from './AssignmentActions';
import { TimelinessBadge } from './TimelinessBadge';
import { useAgencyName, useExplain } from './useNames';

/**
 * One instruction: its text, deadline and hotspot, and each agency's part with its next step. The
 * prosecutor's office may correct the text and deadline in place, on the version shown.
 */
export function InstructionCard({ instruction }: { instruction: Instruction }) {
  const { t } = useTranslation();
  const agencyName = useAgencyName();
  const user = useSession().data?.user;
  const remove = useDeleteInstruction();
  const edit = useEditInstruction();
  const explain = useExplain();
  const today = useToday();
  const [message, setMessage] = useState('');
  const [editing, setEditing] = useState(false);
  const manages = Boolean(user && canManageMeetings(user));
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  // Closing the form puts the keyboard back on the button that opened it.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  function openEditor() {
    setMessage('');
    setEditing(true);
  }
  function closeEditor() {
    setMessage('');
    setEditing(false);
  }
  // A stale edit (412) keeps the form open: the refresh remounts it (keyed by version) with the newer state.
  async function save(patch: InstructionPatch) {
    setMessage('');
    try {
      await edit.mutateAsync({ id: instruction.id, version: instruction.version, patch });
      setEditing(false);
    } catch (error) {
      setMessage(explain(error));
    }
  }

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
      {editing ? (
        <InstructionEditForm
          key={instruction.version}
          instruction={instruction}
          today={today}
          busy={edit.isPending}
          message={message}
          onSubmit={(patch) => void save(patch)}
          onCancel={closeEditor}
        />
      ) : (
        <p className="instruction-text">{instruction.text}</p>
      )}
      {(!editing || instruction.hotspot) && (
        <p className="meta">
          {!editing && t('meetings.instructions.dueOn', { date: formatDate(instruction.due_on) })}
          {!editing && instruction.hotspot && ' · '}
          {instruction.hotspot && (
            <Link to={`/?period=all&h=${instruction.hotspot.id}`}>
              <span className="ref">{instruction.hotspot.reference}</span> {instruction.hotspot.title}
            </Link>
          )}
        </p>
      )}
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
      {manages && !editing && (
        <button
          type="button"
          ref={editButton}
          className="link-button edit-button"
          onClick={openEditor}
          data-action="edit-instruction"
        >
          {t('meetings.instructions.edit')}
        </button>
      )}
      {manages && (
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
      {message && !editing && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
    </article>
  );
}
