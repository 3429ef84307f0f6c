import { useMemo } from 'react';
import { useQueries } from '@tanstack/react-query';
import { get } from '../api/client';
import type { UseQueryResult } from '@tanstack/react-query';
import type { HotspotDetail, HotspotFeature } from '../api/types';
import { meetingEntries } from '../meeting/agenda';
import { useAgendaPlace } from '../meeting/useAgendaPlace';
import { useMeeting } from './api';

/** Defined once, outside the hook: useQueries then re-combines only when a result changes. */
function loadedOnly(results: UseQueryResult<HotspotDetail>[]): {
  loaded: Map<string, HotspotFeature>;
  pending: boolean;
} {
  return {
    loaded: new Map(results.flatMap((result) => (result.data ? [[result.data.id, result.data] as const] : []))),
    pending: results.some((result) => result.isPending),
  };
}

/**
 * Meeting mode over one meeting's agenda (/meeting?meeting=ID): its items in the agenda's order —
 * hotspots and free topics, which the meeting discusses as well (meetingEntries) — in the same
 * shape as the open-hotspots agenda (useAgenda), so the screen is the same. Hotspots the person may
 * not see or that were deleted since are left out. The place is kept as there (useAgendaPlace).
 */
export function useMeetingAgenda(meetingId: number) {
  const meeting = useMeeting(meetingId);
  const refs = useMemo(
    () => (meeting.data?.agenda ?? []).flatMap((item) => (item.hotspot && !item.hotspot.deleted ? [item.hotspot] : [])),
    [meeting.data],
  );
  // Each hotspot in full (description, severity, geometry): the agenda names them only.
  const details = useQueries({
    queries: refs.map((ref) => ({
      queryKey: ['hotspot', ref.id],
      queryFn: ({ signal }: { signal: AbortSignal }) => get<HotspotDetail>(`/api/hotspots/${ref.id}`, {}, signal),
    })),
    combine: loadedOnly,
  });
  const { loaded, pending } = details;
  const entries = useMemo(() => meetingEntries(meeting.data?.agenda ?? [], loaded), [meeting.data, loaded]);
  const { index, go, step } = useAgendaPlace(entries.length);

  return {
    meeting: meeting.data,
    entries,
    index,
    current: entries[index],
    go,
    step,
    total: entries.length,
    loading: meeting.isPending || pending,
    error: meeting.error,
    retry: meeting.refetch,
  };
}
