/**
 * Every agency's part of every instruction, for the prosecutor's office to follow up. The meetings
 * client's hook has no meeting-date filter, so this one sends the contract's full query; its key
 * starts with 'instructions' so a report, acceptance or return refreshes this list too.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { get, type QueryValue } from '../api/client';
import { useSession } from '../api/hooks';
import type { AssignmentList } from '@oshaq/api/contract/meetings';
import type { AssignmentListQuery } from '@oshaq/api/contract/meeting-reports';

/** The contract's query as the browser sends it (lists as arrays, nothing defaulted). */
export type InstructionQuery = Partial<Omit<AssignmentListQuery, 'mine'>>;

export function useAllInstructions(query: InstructionQuery, enabled = true) {
  // Who asks changes the answer (confidential hotspots are left out for some roles).
  const viewer = useSession().data?.user.id ?? null;
  return useQuery({
    queryKey: ['instructions', viewer, 'all', query],
    queryFn: ({ signal }) => get<AssignmentList>('/api/instructions', query as Record<string, QueryValue>, signal),
    placeholderData: keepPreviousData,
    enabled: enabled && viewer !== null,
  });
}
