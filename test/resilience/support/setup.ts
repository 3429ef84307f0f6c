import type { Knex } from 'knex';
import { createAccount } from '../../../api/test/accounts.js';
import { apiClient, type Tally } from './client.js';
import type { Actor, KnownHotspot, Role } from './workload.js';

export const AKIMAT_AGENCY = 'housing_utilities';

/**
 * Actors of each role, each with an API token; `perAccount` actors share an account (hashing a
 * password for every one of them would take most of a short test's time).
 */
export async function createActors(
  knex: Knex,
  baseUrl: () => string,
  roles: Partial<Record<Role, number>>,
  tally?: Tally,
  perAccount = 1,
): Promise<Actor[]> {
  const actors: Actor[] = [];
  for (const [role, count] of Object.entries(roles) as [Role, number][]) {
    let account: Awaited<ReturnType<typeof createAccount>> | undefined;
    for (let i = 0; i < count; i++) {
      const login = `res-${role}-${i}-${Math.random().toString(36).slice(2, 6)}`;
      if (!account || i % perAccount === 0) account = await createAccount(knex, role, login, AKIMAT_AGENCY);
      actors.push({
        client: apiClient(baseUrl, account.token, login, tally),
        role,
        ...(role === 'akimat' ? { agency: AKIMAT_AGENCY } : {}),
      });
    }
  }
  return actors;
}

export async function knownHotspots(knex: Knex): Promise<KnownHotspot[]> {
  const rows: { id: string; agency: string | null; confidential: boolean }[] = await knex('hotspots as h')
    .leftJoin('agencies as a', 'a.id', 'h.agency_id')
    .whereNull('h.deleted_at')
    .select('h.id', 'a.code as agency', 'h.confidential');
  return rows;
}

/** Waits until `check` holds, polling; resolves with how long it took, or undefined on timeout. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, everyMs = 100) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return undefined;
}
