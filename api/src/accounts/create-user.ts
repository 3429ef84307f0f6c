import type { Knex } from 'knex';
import type { z } from 'zod';
import { userCreate } from '../contract/auth.js';
import { DomainError, invalid } from '../errors.js';
import { hashPassword, refusePassword } from './passwords.js';
import { appendAudit, insertUser, loginTaken } from './repo.js';

const newUserInput = userCreate;
export type NewUserInput = z.input<typeof newUserInput>;

/** Creates an account after checking the password policy; records who created it. */
export async function createUser(
  knex: Knex,
  raw: NewUserInput,
  by: { actor: string; user_id?: number | null; ip?: string | null },
): Promise<number> {
  const input = newUserInput.parse(raw);
  refusePassword('password', input.password, [input.login, ...input.full_name.split(/\s+/)]);
  if (input.role === 'akimat' && !input.agency)
    throw invalid('agency', 'required_for_akimat', 'is required for an akimat account');
  const passwordHash = await hashPassword(input.password);
  return knex.transaction(async (trx) => {
    if (await loginTaken(trx, input.login)) throw new DomainError('conflict', `The login ${input.login} is taken.`);
    let agencyId: number | null = null;
    if (input.agency) {
      const agency = await trx('agencies').where({ code: input.agency }).first('id');
      if (!agency)
        throw invalid('agency', 'unknown_code', `has an unknown code: ${input.agency}`, { code: input.agency });
      agencyId = (agency as { id: number }).id;
    }
    const id = await insertUser(trx, {
      login: input.login,
      full_name: input.full_name,
      role: input.role,
      agency_id: agencyId,
      language: input.language,
      password_hash: passwordHash,
    });
    await appendAudit(trx, {
      ...by,
      action: 'user.create',
      entity: 'user',
      entity_id: String(id),
      after: { login: input.login, full_name: input.full_name, role: input.role, agency: input.agency ?? null },
    });
    return id;
  });
}
