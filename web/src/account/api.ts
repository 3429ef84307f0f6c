/** Server state of the account page: the second factor, sessions and API tokens of the person signed in. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { otherSessionsEnded, tokenCreated, tokenInfo, tokenRenew } from '@oshaq/api/contract/auth';
import type { mfaChallenge, mfaEnrolment, mfaSignedIn, mfaStatus, mySession } from '@oshaq/api/contract/mfa';
import { get, request } from '../api/client';

export type MfaStatus = z.infer<typeof mfaStatus>;
export type MfaEnrolment = z.infer<typeof mfaEnrolment>;
export type MfaChallenge = z.infer<typeof mfaChallenge>;
export type MfaSignedIn = z.infer<typeof mfaSignedIn>;
export type MySession = z.infer<typeof mySession>;
export type TokenInfo = z.infer<typeof tokenInfo>;
export type TokenCreated = z.infer<typeof tokenCreated>;

const accountKey = ['account'] as const;
const mfaKey = ['account', 'mfa'] as const;
const sessionsKey = ['account', 'sessions'] as const;
const tokensKey = ['account', 'tokens'] as const;

export function useMfaStatus() {
  return useQuery({ queryKey: mfaKey, queryFn: ({ signal }) => get<MfaStatus>('/api/me/mfa', {}, signal) });
}

export function useMySessions() {
  return useQuery({ queryKey: sessionsKey, queryFn: ({ signal }) => get<MySession[]>('/api/me/sessions', {}, signal) });
}

export function useMyTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: ({ signal }) => get<TokenInfo[]>('/api/me/tokens', {}, signal) });
}

/** A change that answers JSON, then refreshes what it touched. */
function useChange<Input, Output>(key: readonly string[], send: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

const post = async <T>(path: string, body?: unknown, method: 'POST' | 'DELETE' = 'POST') =>
  (await request<T>(path, { method, body })).data;

/** The password again, and the code once the account has a second factor (the contract's step-up). */
export type Proof = z.input<typeof tokenRenew>;

export const useBeginEnrolment = () =>
  useChange(mfaKey, (password: string) => post<MfaEnrolment>('/api/me/mfa', { password }));
export const useConfirmEnrolment = () =>
  useChange(mfaKey, (code: string) => post<{ recovery_codes: string[] }>('/api/me/mfa/confirm', { code }));
export const useRenewRecoveryCodes = () =>
  useChange(mfaKey, (proof: Proof) => post<{ recovery_codes: string[] }>('/api/me/mfa/recovery-codes', proof));
export const useRemoveFactor = () => useChange(mfaKey, (proof: Proof) => post<void>('/api/me/mfa', proof, 'DELETE'));

// Step-up may spend a recovery code: the whole account (its factor's status too) is read again.
export const useCreateToken = () =>
  useChange(accountKey, (input: Proof & { name: string; expires_in_days: number }) =>
    post<TokenCreated>('/api/me/tokens', input),
  );
export const useRenewToken = () =>
  useChange(accountKey, ({ id, ...proof }: Proof & { id: number }) =>
    post<TokenInfo>(`/api/me/tokens/${id}/renew`, proof),
  );
export const useRevokeToken = () =>
  useChange(tokensKey, (id: number) => post<void>(`/api/me/tokens/${id}`, undefined, 'DELETE'));
export const useChangePassword = () =>
  useChange(sessionsKey, (input: { current_password: string; new_password: string }) =>
    post<void>('/api/me/password', input),
  );

/** Ends every session but this one, with the proof again; the sessions' list is read anew. */
export const useEndOtherSessions = () =>
  useChange(accountKey, (proof: Proof) =>
    post<z.infer<typeof otherSessionsEnded>>('/api/me/sessions/end-others', proof),
  );
