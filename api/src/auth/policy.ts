import type { Role } from '../accounts/repo.js';

/**
 * Session and sign-in limits; configurable so a deployment (or a test) can tighten them.
 *
 * Sign-in is throttled the way OWASP's credential-stuffing guidance and "smart lockout" systems do
 * it: hard per (login, address) pair, looser per login across addresses (so someone guessing from
 * many addresses is slowed, not let through, while the owner is never locked out for good), and per
 * address across logins (password spraying). Every block lasts until its window ends; attempts
 * refused meanwhile do not prolong it.
 */
export interface AuthPolicy {
  /** A session unused this long ends. */
  idleMinutes: number;
  /** A session ends this long after sign-in, used or not. */
  absoluteHours: number;
  /** Failed sign-ins for one login from one address, within the window, before that pair is blocked. */
  pairFailureLimit: number;
  /**
   * Failed sign-ins for one login from all addresses together, within the window, before the login
   * is blocked — except from addresses it signed in from successfully lately ("familiar" ones).
   */
  loginFailureLimit: number;
  /** Failed sign-ins from one address for all logins together, within the window, before it is blocked. */
  addressFailureLimit: number;
  windowMinutes: number;
  /** An address the login signed in from successfully within this many days is familiar. */
  familiarDays: number;
  /** Each failure of a login beyond the first doubles the pause before answering, up to this. */
  maxDelayMs: number;
  /** Roles that must sign in with a second factor (TOTP); the others may enrol one. */
  mfaRequiredRoles: readonly Role[];
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  idleMinutes: 30,
  absoluteHours: 12,
  pairFailureLimit: 5,
  loginFailureLimit: 30,
  addressFailureLimit: 30,
  windowMinutes: 15,
  familiarDays: 30,
  maxDelayMs: 2000,
  mfaRequiredRoles: ['prosecutor', 'admin'],
};

/** The pause before answering after `failures` recent failures: 0, 100, 200, 400 … ms. */
export function signInDelayMs(failures: number, policy: AuthPolicy): number {
  if (failures <= 0) return 0;
  return Math.min(100 * 2 ** (failures - 1), policy.maxDelayMs);
}
