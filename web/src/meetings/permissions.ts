/**
 * What the meeting screens offer each role. The API refuses the same things anyway; hiding them
 * only spares people buttons that would answer 403.
 */
import type { CurrentUser } from '../api/types';
import { mayReport } from './api';

/** The prosecutor's office and administrators hold meetings, give instructions and accept reports. */
export function canManageMeetings(user: CurrentUser): boolean {
  return user.role === 'prosecutor' || user.role === 'admin';
}

export function canReportFor(user: CurrentUser, agency: string): boolean {
  return mayReport(user.role, user.agency, agency);
}

/** "My tasks" lists an agency's instructions: only accounts that belong to an agency have one. */
export function hasTasks(user: CurrentUser): boolean {
  return user.role === 'akimat' && user.agency !== null;
}
