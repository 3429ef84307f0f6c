import type { AssignmentStatus } from '../contract/meeting-enums.js';
import { DomainError, invalid } from '../errors.js';

/** What can happen to one agency's part of an instruction. */
export type AssignmentAction = 'report' | 'accept' | 'return';

const NEXT: Record<AssignmentAction, { from: AssignmentStatus[]; to: AssignmentStatus }> = {
  // An agency may correct its report until the secretary has looked at it.
  report: { from: ['assigned', 'reported'], to: 'reported' },
  accept: { from: ['reported'], to: 'accepted' },
  return: { from: ['reported'], to: 'assigned' },
};

const REFUSAL: Record<AssignmentAction, Partial<Record<AssignmentStatus, string>>> = {
  report: { accepted: 'It has been accepted as done already: nothing more to report.' },
  accept: {
    assigned: 'Nothing has been reported yet: record the report first (on the agency’s behalf if need be).',
    accepted: 'It has been accepted already.',
  },
  return: {
    assigned: 'There is no report waiting to be returned.',
    accepted: 'It has been accepted as done already and cannot be returned.',
  },
};

/** The status an action leads to, or a 409 that says why not from here. */
export function nextStatus(from: AssignmentStatus, action: AssignmentAction): AssignmentStatus {
  const rule = NEXT[action];
  if (!rule.from.includes(from)) {
    throw new DomainError('conflict', REFUSAL[action][from] ?? `Cannot ${action} an assignment that is ${from}.`);
  }
  return rule.to;
}

/** The date an action took effect: not in the future, not before the meeting, not before the report. */
export function actionDate(
  on: string | undefined,
  context: { today: string; heldOn: string; reportedOn: string | null; action: AssignmentAction },
): string {
  const date = on ?? context.today;
  if (date > context.today)
    throw invalid('on', 'date_in_future', `must not be in the future (today is ${context.today})`, {
      today: context.today,
    });
  if (date < context.heldOn) {
    throw invalid(
      'on',
      'before_meeting',
      `must not be before the meeting that gave the instruction (${context.heldOn})`,
      {
        date: context.heldOn,
      },
    );
  }
  if (context.action !== 'report' && context.reportedOn && date < context.reportedOn) {
    throw invalid('on', 'before_report', `must not be before the report it answers (${context.reportedOn})`, {
      date: context.reportedOn,
    });
  }
  return date;
}

/** A deadline is set at the meeting, so it cannot come before it. */
export function checkDeadline(dueOn: string, heldOn: string): void {
  if (dueOn < heldOn)
    throw invalid('due_on', 'before_meeting', `must not be before the meeting’s date (${heldOn})`, { date: heldOn });
}
