import type { Knex } from 'knex';
import { z } from 'zod';
import { DomainError, invalid } from '../errors.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { appendAudit, insertUser, loginTaken, ROLES } from './repo.js';

export const newUserInput = z
  .object({
    login: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'must be 3–64 Latin letters, digits, dots, dashes or underscores'),
    full_name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
    agency: z.string().optional(),
    language: z.enum(['kk', 'ru', 'en'], { error: 'must be kk, ru or en' }).default('kk'),
    password: z.string(),
  })
  .strict();
export type NewUserInput = z.input<typeof newUserInput>;

/** Creates an account after checking the password policy; records who created it. */
export async function createUser(
  knex: Knex,
  raw: NewUserInput,
  by: { actor: string; user_id?: number | null; ip?: string | null },
): Promise<number> {
  const input = newUserInput.parse(raw);
  const problem = passwordProblem(input.password, [input.login, ...input.full_name.split(/\s+/)]);
  if (problem) throw invalid('password', problem);
  if (input.role === 'akimat' && !input.agency) throw invalid('agency', 'is required for an akimat account');
  const passwordHash = await hashPassword(input.password);
  return knex.transaction(async (trx) => {
    if (await loginTaken(trx, input.login)) throw new DomainError('conflict', `The login ${input.login} is taken.`);
    let agencyId: number | null = null;
    if (input.agency) {
      const agency = await trx('agencies').where({ code: input.agency }).first('id');
      if (!agency) throw invalid('agency', `has an unknown code: ${input.agency}`);
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
