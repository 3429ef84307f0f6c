/**
 * Server state of the administrators' screens. Accounts and the audit trail are keyed under
 * ['admin', …] so nothing else in the app shares (or is disturbed by) these caches; categories and
 * agencies use the app's own keys, because a rename must show at once on the map and in every form.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { auditQuery, auditRow } from '@oshaq/api/contract/audit';
import type { userCreate, userInfo, userPatch } from '@oshaq/api/contract/auth';
import { get, request, type QueryValue } from '../api/client';
import { sessionKey } from '../api/hooks';
import type { Agency, Category } from '../api/types';

export type UserInfo = z.infer<typeof userInfo>;
export type UserCreate = z.input<typeof userCreate>;
export type UserPatch = z.input<typeof userPatch>;

/** One row of GET /api/audit. */
export type AuditEntry = z.infer<typeof auditRow>;

/** The audit filters the API takes (auditQuery), as they sit in the URL and the filter form: text. */
export const AUDIT_FILTERS = ['from', 'to', 'action', 'entity', 'entity_id', 'user'] as const;
export type AuditFilters = Partial<Record<(typeof AUDIT_FILTERS)[number] & keyof z.input<typeof auditQuery>, string>>;

export type ReferenceKind = 'categories' | 'agencies';
export type ReferenceItem = Category | Agency;

const usersKey = ['admin', 'users'] as const;
const auditKey = ['admin', 'audit'] as const;
/** Rows per audit page; the API allows up to 1000, a screen needs far fewer. */
const AUDIT_PAGE = 50;
/** The most rows one CSV download may hold (the API's limit). */
export const AUDIT_CSV_LIMIT = 1000;

export function useUsers() {
  return useQuery({ queryKey: usersKey, queryFn: ({ signal }) => get<UserInfo[]>('/api/users', {}, signal) });
}

/** Every account change is a new audit entry, and may change who is signed in as what. */
function useRefreshAccounts() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: usersKey }),
      client.invalidateQueries({ queryKey: auditKey }),
      // An administrator editing their own name or language sees it in the header at once.
      client.invalidateQueries({ queryKey: sessionKey }),
    ]);
}

export function useCreateUser() {
  const refresh = useRefreshAccounts();
  return useMutation({
    mutationFn: async (body: UserCreate) => (await request<UserInfo>('/api/users', { method: 'POST', body })).data,
    onSuccess: refresh,
  });
}

export function usePatchUser() {
  const refresh = useRefreshAccounts();
  return useMutation({
    mutationFn: async ({ id, patch }: { id: number; patch: UserPatch }) =>
      (await request<UserInfo>(`/api/users/${id}`, { method: 'PATCH', body: patch })).data,
    onSuccess: refresh,
  });
}

export function useEndSessions() {
  const refresh = useRefreshAccounts();
  return useMutation({
    mutationFn: async (id: number) =>
      (await request<{ ended: number }>(`/api/users/${id}/end-sessions`, { method: 'POST', body: {} })).data,
    onSuccess: refresh,
  });
}

/** After a change to either list, both are fetched again (hotspot forms and filters read them). */
function useRefreshReference() {
  const client = useQueryClient();
  return () =>
    Promise.all([['categories'], ['agencies'], auditKey].map((queryKey) => client.invalidateQueries({ queryKey })));
}

export function useAddReference(kind: ReferenceKind) {
  const refresh = useRefreshReference();
  return useMutation({
    mutationFn: async (body: Record<string, unknown>) =>
      (await request<ReferenceItem>(`/api/${kind}`, { method: 'POST', body })).data,
    onSuccess: refresh,
  });
}

/**
 * Changes one, naming the version the administrator saw (If-Match): if someone else changed it
 * since, the API answers 412 with the current one. Either way the lists are read again.
 */
export function usePatchReference(kind: ReferenceKind) {
  const refresh = useRefreshReference();
  return useMutation({
    mutationFn: async ({ code, version, patch }: { code: string; version: number; patch: Record<string, unknown> }) =>
      (
        await request<ReferenceItem>(`/api/${kind}/${encodeURIComponent(code)}`, {
          method: 'PATCH',
          body: patch,
          headers: { 'If-Match': `"v${version}"` },
        })
      ).data,
    onSettled: refresh,
  });
}

/** The trail newest first, one page at a time: each page asks for rows older than the last one shown. */
export function useAudit(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: [...auditKey, filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      get<AuditEntry[]>('/api/audit', { ...filters, limit: AUDIT_PAGE, before_id: pageParam }, signal),
    // A short page is the last one; a full one may be followed by more.
    getNextPageParam: (last) => (last.length < AUDIT_PAGE ? undefined : last[last.length - 1]?.id),
  });
}

export function auditCsvParams(filters: AuditFilters): Record<string, QueryValue> {
  return { ...filters, limit: AUDIT_CSV_LIMIT };
}
