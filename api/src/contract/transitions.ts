import type { Status } from './enums.js';

/**
 * Which status changes are allowed: registered → in_progress → resolved, dismissal, reopening.
 * In the contract so the web app offers exactly the changes the API accepts.
 */
export const TRANSITIONS: Record<Status, Status[]> = {
  registered: ['in_progress', 'dismissed'],
  in_progress: ['resolved', 'dismissed'],
  resolved: ['in_progress'],
  dismissed: ['in_progress'],
};

/** Akimat staff start work and resolve; dismissing and reopening are the prosecutor's decisions. */
export function akimatMayTransition(from: Status, to: Status): boolean {
  return (to === 'in_progress' && from === 'registered') || to === 'resolved';
}
