import type { CurrentUser } from '../api/types';

/**
 * The list of every instruction is the prosecutor's office's follow-up tool (viewers may read it);
 * akimat accounts follow their own agency's part under "My tasks" instead. The API lets any signed-in
 * person read the list, so this only decides where the link is offered.
 */
export function followsUpInstructions(user: CurrentUser): boolean {
  return user.role === 'prosecutor' || user.role === 'admin' || user.role === 'viewer';
}
