/** Server state through TanStack Query: one hook per resource, keyed so equal filters share a request. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { sessionResponse } from '@oshaq/api/contract/auth';
import { ApiError, get, request, setCsrfToken } from './client';
import type {
  Agency,
  AreaCollection,
  Category,
  ClientConfig,
  ClusterCollection,
  HotspotCollection,
  HotspotMapCollection,
  HotspotCreate,
  HotspotDetail,
  HotspotPatch,
  Stats,
  TransitionRequest,
} from './types';
import type { ApiFilters } from '../filters/filters';

/** The signed-in person and the CSRF token (the contract's sessionResponse). */
export type Session = Pick<z.infer<typeof sessionResponse>, 'user' | 'csrf_token'>;

export const sessionKey = ['session'] as const;

export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async (): Promise<Session | null> => {
      try {
        const { data } = await request<Session>('/api/session', { expectUnauthorized: true });
        setCsrfToken(data.csrf_token);
        return data;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useConfig() {
  return useQuery({ queryKey: ['config'], queryFn: () => get<ClientConfig>('/api/config'), staleTime: 3_600_000 });
}

export function useCategories() {
  return useQuery({ queryKey: ['categories'], queryFn: () => get<Category[]>('/api/categories'), staleTime: 600_000 });
}

export function useAgencies() {
  return useQuery({ queryKey: ['agencies'], queryFn: () => get<Agency[]>('/api/agencies'), staleTime: 600_000 });
}

/** Boundaries, lightly simplified: enough for a city map and a choropleth. */
export function useAreas() {
  return useQuery({
    queryKey: ['areas'],
    queryFn: () => get<AreaCollection>('/api/areas', { simplify: 0.0005 }),
    staleTime: 600_000,
  });
}

export function useHotspots(params: ApiFilters, enabled = true) {
  return useQuery({
    queryKey: ['hotspots', params],
    queryFn: ({ signal }) => get<HotspotCollection>('/api/hotspots', params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * The hotspots the map draws, in the list's slim form (view=map): shape, category, status,
 * severity, reference, title and version, a fraction of the full list's bytes and database work.
 * A hotspot opened from the map is read in full by useHotspot. Keyed under 'hotspots' like the
 * list, so every write refreshes it too.
 */
export function useMapHotspots(params: ApiFilters, enabled = true) {
  const asked = { ...params, view: 'map' };
  return useQuery({
    queryKey: ['hotspots', asked],
    queryFn: ({ signal }) => get<HotspotMapCollection>('/api/hotspots', asked, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useClusters(params: ApiFilters, enabled: boolean) {
  return useQuery({
    queryKey: ['clusters', params],
    queryFn: ({ signal }) => get<ClusterCollection>('/api/hotspots/clusters', params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useStats(params: ApiFilters) {
  return useQuery({
    queryKey: ['stats', params],
    queryFn: ({ signal }) => get<Stats>('/api/stats', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useHotspot(id: string | undefined) {
  return useQuery({
    queryKey: ['hotspot', id],
    queryFn: ({ signal }) => get<HotspotDetail>(`/api/hotspots/${id}`, {}, signal),
    enabled: Boolean(id),
  });
}

/** After any change every view of hotspots (map, list, counts, clusters, detail) is fetched again. */
function useRefreshHotspots() {
  const client = useQueryClient();
  return () =>
    Promise.all(
      ['hotspots', 'clusters', 'stats', 'hotspot'].map((key) => client.invalidateQueries({ queryKey: [key] })),
    );
}

/**
 * A fresh Idempotency-Key: 128 random bits. crypto.randomUUID exists only in secure contexts
 * (HTTPS, localhost), not when the app is opened by a plain-HTTP office LAN address;
 * crypto.getRandomValues exists everywhere.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Registers a hotspot. The key is the form's, the same on every retry of it: a Save pressed
 * again after a lost answer or a 503 gets the hotspot already registered, never a second one.
 */
export function useCreateHotspot() {
  const refresh = useRefreshHotspots();
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: HotspotCreate; idempotencyKey: string }) =>
      (
        await request<HotspotDetail>('/api/hotspots', {
          method: 'POST',
          body,
          headers: { 'Idempotency-Key': idempotencyKey },
        })
      ).data,
    onSuccess: refresh,
  });
}

/** Edits carry the version they started from: someone else's newer change answers 412, never overwritten. */
export function useEditHotspot() {
  const refresh = useRefreshHotspots();
  return useMutation({
    mutationFn: async ({ id, version, patch }: { id: string; version: number; patch: HotspotPatch }) =>
      (
        await request<HotspotDetail>(`/api/hotspots/${id}`, {
          method: 'PATCH',
          body: patch,
          headers: { 'If-Match': `"v${version}"` },
        })
      ).data,
    onSettled: refresh,
  });
}

export function useTransition() {
  const refresh = useRefreshHotspots();
  return useMutation({
    mutationFn: async ({ id, version, change }: { id: string; version: number; change: TransitionRequest }) =>
      (
        await request<HotspotDetail>(`/api/hotspots/${id}/transitions`, {
          method: 'POST',
          body: change,
          headers: { 'If-Match': `"v${version}"` },
        })
      ).data,
    onSettled: refresh,
  });
}

export function useComment() {
  const refresh = useRefreshHotspots();
  return useMutation({
    mutationFn: async ({ id, note, idempotencyKey }: { id: string; note: string; idempotencyKey: string }) =>
      (
        await request<HotspotDetail>(`/api/hotspots/${id}/comments`, {
          method: 'POST',
          body: { note },
          headers: { 'Idempotency-Key': idempotencyKey },
        })
      ).data,
    onSuccess: refresh,
  });
}
