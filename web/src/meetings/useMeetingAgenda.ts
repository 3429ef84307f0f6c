import { useMemo } from 'react';
import { useQueries } from '@tanstack/react-query';
import { get } from '../api/client';
import type { UseQueryResult } from '@tanstack/react-query';
import type { HotspotDetail, HotspotFeature } from '../api/types';
import { useAgendaPlace } from '../meeting/useAgendaPlace';
import { useMeeting } from './api';

/** Defined once, outside the hook: useQueries then re-combines only when a result changes. */
function loadedOnly(results: UseQueryResult<HotspotDetail>[]): { items: HotspotFeature[]; pending: boolean } {
  return {
    items: results.flatMap((result) => (result.data ? [result.data] : [])),
    pending: results.some((result) => result.isPending),
  };
}

/**
 * Meeting mode over one meeting's agenda (/meeting?meeting=ID): its hotspot items in the agenda's
 * order, in the same shape as the open-hotspots agenda (useAgenda), so the screen is the same.
 * Topics without a hotspot have nothing to show on the map and are left out; so are hotspots the
 * person may not see or that were deleted since. The place is kept as there (useAgendaPlace).
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
  const { items, pending } = details;
  const { index, go, step } = useAgendaPlace(items.length);

  return {
    meeting: meeting.data,
    items,
    index,
    current: items[index],
    go,
    step,
    total: items.length,
    loading: meeting.isPending || pending,
    error: meeting.error,
    retry: meeting.refetch,
  };
}
