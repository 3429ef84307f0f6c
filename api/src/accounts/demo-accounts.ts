import { randomInt } from 'node:crypto';
import type { Knex } from 'knex';
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

/** One demo account per role with fresh random passwords, returned once so they can be printed. */
export async function createDemoAccounts(knex: Knex): Promise<{ login: string; role: Role; password: string }[]> {
  const created: { login: string; role: Role; password: string }[] = [];
  for (const account of DEMO) {
    const password = memorablePassword(account.login);
    await createUser(knex, { ...account, password, language: 'kk' }, { actor: 'demo set-up' });
    created.push({ login: account.login, role: account.role, password });
  }
  return created;
}
