import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HotspotDeletion } from '@oshaq/api/contract/hotspot-deletion';
import { request } from '../api/client';
import type { HotspotDetail } from '../api/types';

/** After a deletion or its undo, everything that lists or counts hotspots asks again. */
function useRefresh() {
  const client = useQueryClient();
  return () =>
    Promise.all(
      ['hotspots', 'clusters', 'stats', 'hotspot'].map((key) => client.invalidateQueries({ queryKey: [key] })),
    );
}

/** The version an ETag such as "v4" names. */
function versionOf(etag: string | null, fallback: number): number {
  const match = /^(?:W\/)?"v(\d+)/.exec(etag ?? '');
  return match ? Number(match[1]) : fallback;
}

/** Deletes a hotspot with a reason; answers the deleted version, which the undo names in If-Match. */
export function useDeleteHotspot() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async ({ id, version, body }: { id: string; version: number; body: HotspotDeletion }) => {
      const response = await request<void>(`/api/hotspots/${id}`, {
        method: 'DELETE',
        body,
        headers: { 'If-Match': `"v${version}"` },
      });
      return { id, version: versionOf(response.headers.get('ETag'), version + 1) };
    },
    onSettled: refresh,
  });
}

/** Undoes a deletion (the API allows it for a while after; see RESTORE_WINDOW_HOURS). */
export function useRestoreHotspot() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async ({ id, version }: { id: string; version: number }) =>
      (
        await request<HotspotDetail>(`/api/hotspots/${id}/restore`, {
          method: 'POST',
          headers: { 'If-Match': `"v${version}"` },
        })
      ).data,
    onSettled: refresh,
  });
}
