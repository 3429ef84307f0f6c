/**
 * Translation keys for the meeting contract's values, written out in full so the translation test
 * checks each of them (it cannot follow keys built from template strings).
 */
import type { AssignmentStatus, MeetingKind, Timeliness } from './api';

export const KIND_LABELS: Record<MeetingKind, string> = {
  interagency_prosecutor: 'meetings.kind.interagency_prosecutor',
  akimat_commission: 'meetings.kind.akimat_commission',
  working_group: 'meetings.kind.working_group',
  other: 'meetings.kind.other',
};

export const TIMELINESS_LABELS: Record<Timeliness, string> = {
  on_time: 'meetings.timeliness.on_time',
  late: 'meetings.timeliness.late',
  overdue: 'meetings.timeliness.overdue',
  pending: 'meetings.timeliness.pending',
};

export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = {
  assigned: 'meetings.assignment.assigned',
  reported: 'meetings.assignment.reported',
  accepted: 'meetings.assignment.accepted',
};
