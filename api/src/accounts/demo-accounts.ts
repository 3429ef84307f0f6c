import { randomInt } from 'node:crypto';
import type { Knex } from 'knex';
import { enrolmentFor, newTotpSecret } from '../auth/mfa-codes.js';
import { putConfirmedFactor } from '../auth/mfa-repo.js';
import { DEFAULT_AUTH_POLICY } from '../auth/policy.js';
import { createUser } from './create-user.js';
import { passwordProblem } from './passwords.js';
import type { Role } from './repo.js';

// Word lists for memorable passwords that pass the strength check (Kazakh words, Latin letters).
const WORDS = [
  'alma',
  'tau',
  'dala',
  'ozen',
  'kol',
  'zhol',
  'aspan',
  'kun',
  'ai',
  'zhuldyz',
  'orman',
  'shol',
  'bulaq',
  'qala',
  'auyl',
  'tenge',
];

function memorablePassword(login: string): string {
  for (;;) {
    const words = Array.from({ length: 4 }, () => WORDS[randomInt(WORDS.length)]);
    const password = `${words.join('-')}-${randomInt(10, 100)}`;
    if (!passwordProblem(password, [login])) return password;
  }
}

const DEMO: { login: string; full_name: string; role: Role; agency?: string }[] = [
  { login: 'admin', full_name: 'Әкімші (demo)', role: 'admin' },
  { login: 'prokuror', full_name: 'Б. Сейітов (demo)', role: 'prosecutor' },
  { login: 'akimat', full_name: 'А. Омарова (demo)', role: 'akimat', agency: 'housing_utilities' },
  { login: 'viewer', full_name: 'Кеңес мүшесі (demo)', role: 'viewer' },
];

export interface DemoAccount {
  login: string;
  role: Role;
  password: string;
  /** Set when the role must sign in with a second factor: the account is enrolled with this secret. */
  totp?: { secret: string; uri: string };
}

/**
 * One demo account per role with fresh random passwords, returned once so they can be printed.
 * Roles that must use a second factor are enrolled with a fresh TOTP secret, printed with them,
 * so the demo still opens with two commands: add the secret (or its otpauth:// URI) to an app.
 */
export async function createDemoAccounts(
  knex: Knex,
  mfaRequiredRoles: readonly Role[] = DEFAULT_AUTH_POLICY.mfaRequiredRoles,
): Promise<DemoAccount[]> {
  const created: DemoAccount[] = [];
  for (const account of DEMO) {
    const password = memorablePassword(account.login);
    const id = await createUser(knex, { ...account, password, language: 'kk' }, { actor: 'demo set-up' });
    let totp: DemoAccount['totp'];
    if (mfaRequiredRoles.includes(account.role)) {
      const secret = newTotpSecret();
      await putConfirmedFactor(knex, id, secret);
      totp = { secret, uri: (await enrolmentFor(secret, account.login)).otpauth_uri };
    }
    created.push({ login: account.login, role: account.role, password, totp });
  }
  return created;
}

/** The console text that shows the demo accounts, once. */
export function describeDemoAccounts(accounts: DemoAccount[]): string {
  const lines = accounts.map((account) => {
    const line = `  ${account.role.padEnd(10)} login: ${account.login.padEnd(9)} password: ${account.password}`;
    return account.totp ? `${line}\n  ${''.padEnd(10)} TOTP secret: ${account.totp.secret}  ${account.totp.uri}` : line;
  });
  return `\nDemo accounts (shown only this once; change them or create real ones with npm run user:create):\n${lines.join('\n')}\n${
    accounts.some((account) => account.totp)
      ? '  Accounts with a TOTP secret sign in with a code: add the secret (or the otpauth:// link) to an authenticator app.\n'
      : ''
  }`;
}
