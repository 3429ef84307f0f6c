import type { Knex } from 'knex';
import { DomainError, invalid } from '../errors.js';
import { DEFAULT_AUTH_POLICY, type AuthPolicy } from './policy.js';
import { checkFactorCode, hasFactor } from './mfa-service.js';
import { activeLogin } from './repo.js';
import { checkPassword } from './service.js';

/** What a person proves again before a sensitive step (minting or renewing an API token). */
export interface StepUpProof {
  password: string;
  /** A second-factor code (or a recovery code); required once the account has a factor. */
  code?: string;
}

/**
 * The one step-up check: the account's current password, checked through the same throttle as
 * sign-in (per login and address), so a stolen session cannot be used to guess the password any
 * faster than the sign-in form allows. A wrong password is a 400 on `password` — not a 401, which
 * would read as "the session ended" — and counts as a failed sign-in; too many answer 429.
 */
export async function verifyStepUp(
  knex: Knex,
  userId: number,
  proof: StepUpProof,
  context: { ip: string; policy?: AuthPolicy } = { ip: 'unknown' },
): Promise<void> {
  const login = await activeLogin(knex, userId);
  if (!login) throw new DomainError('unauthorized', 'This account is no longer active.');
  try {
    await checkPassword(
      knex,
      { login, password: proof.password, ip: context.ip },
      context.policy ?? DEFAULT_AUTH_POLICY,
    );
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'unauthorized')
      throw invalid('password', 'password_wrong', 'is not your current password');
    throw error;
  }
  // With a second factor, a password alone (phished, reused elsewhere) is not enough (auth/mfa-service.ts).
  if (await hasFactor(knex, userId)) {
    if (!proof.code)
      throw invalid('code', 'mfa_code_required', 'is required: type the code your authenticator app shows');
    const policy = context.policy ?? DEFAULT_AUTH_POLICY;
    await checkFactorCode(knex, { id: userId, login }, proof.code, { ip: context.ip, policy, allowRecovery: true });
  }
}
