/** Session and sign-in limits; configurable so a deployment can tighten them. */
export interface AuthPolicy {
  /** A session unused this long ends. */
  idleMinutes: number;
  /** A session ends this long after sign-in, used or not. */
  absoluteHours: number;
  /** Failed sign-ins for one login, within the window, before it is locked. */
  loginFailureLimit: number;
  /** Failed sign-ins from one address, within the window, before it is locked. */
  addressFailureLimit: number;
  windowMinutes: number;
  /** Each failure beyond the first doubles the pause before answering, up to this. */
  maxDelayMs: number;
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  idleMinutes: 30,
  absoluteHours: 12,
  loginFailureLimit: 5,
  addressFailureLimit: 20,
  windowMinutes: 15,
  maxDelayMs: 2000,
};

/** The pause before answering after `failures` recent failures: 0, 100, 200, 400 … ms. */
export function signInDelayMs(failures: number, policy: AuthPolicy): number {
  if (failures <= 0) return 0;
  return Math.min(100 * 2 ** (failures - 1), policy.maxDelayMs);
}
