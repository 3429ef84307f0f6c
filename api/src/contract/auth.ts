import { z } from 'zod';
import { coded } from './problems.js';

import { ROLES } from './enums.js';

const role = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });
const language = z.enum(['kk', 'ru', 'en'], { error: 'must be kk, ru or en' });

export const signInRequest = z
  .object({
    login: z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters'),
    password: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  })
  .strict()
  .meta({ id: 'SignInRequest' });

export const currentUser = z
  .object({
    id: z.number().int(),
    login: z.string(),
    full_name: z.string(),
    role,
    agency: z.string().nullable(),
    language,
  })
  .meta({ id: 'CurrentUser' });
export type CurrentUser = z.infer<typeof currentUser>;

export const sessionResponse = z
  .object({ user: currentUser, csrf_token: z.string(), expires_at: z.string().optional() })
  .meta({ id: 'Session' });

/** Proof asked again before a sensitive step: the password, and the second factor once the account has one. */
const stepUp = {
  password: z
    .string({ error: 'must be your current password' })
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters'),
  code: z.string().max(20, 'must be at most 20 characters').optional(),
};
export const tokenCreate = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    ...stepUp,
    expires_in_days: z
      .number({ error: 'must be a whole number of days from 1 to 365' })
      .int('must be a whole number of days from 1 to 365')
      .min(1, 'must be a whole number of days from 1 to 365')
      .max(365, 'must be a whole number of days from 1 to 365')
      .default(90)
      .meta({ description: 'how long the token lives; renewing it later gives it this long again from then' }),
  })
  .strict()
  .meta({ id: 'TokenCreate' });
export const tokenRenew = z.object(stepUp).strict().meta({ id: 'TokenRenew' });
/** Ending your other sessions asks for the same proof: a stolen cookie alone must not lock the owner out. */
export const endOtherSessionsRequest = z.object(stepUp).strict().meta({ id: 'EndOtherSessions' });
export const otherSessionsEnded = z
  .object({ ended: z.number().int().meta({ description: 'how many sessions were ended' }) })
  .meta({ id: 'OtherSessionsEnded' });
export const tokenInfo = z
  .object({
    id: z.number().int(),
    name: z.string(),
    prefix: z.string(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
    expires_at: z.string().meta({ description: 'after this the token is refused until renewed' }),
    lifetime_days: z.number().int(),
    expired: z.boolean(),
  })
  .meta({ id: 'ApiToken' });
export const tokenCreated = tokenInfo.extend({ token: z.string().meta({ description: 'shown once; store it now' }) });

export const userInfo = currentUser
  .extend({
    active: z.boolean(),
    created_at: z.string(),
    mfa_enrolled: z.boolean().optional().meta({ description: 'has a second factor (in the list of accounts)' }),
  })
  .meta({ id: 'User' });
/** The shortest password accepted (api/src/accounts/passwords.ts judges strength beyond it). */
export const MIN_PASSWORD_LENGTH = 12;

/** The one definition of a new account's fields: the API validates with it and the CLI reuses it. */
export const userCreate = z
  .object({
    login: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'must be 3–64 Latin letters, digits, dots, dashes or underscores'),
    full_name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    role,
    agency: z.string().optional(),
    language: language.default('kk'),
    password: z.string().max(200, 'must be at most 200 characters'),
  })
  .strict()
  .meta({ id: 'UserCreate' });
export const userPatch = z
  .object({
    full_name: z.string().trim().min(1).max(200).optional(),
    role: role.optional(),
    agency: z.string().nullable().optional(),
    language: language.optional(),
    active: z.boolean().optional(),
    password: z
      .string()
      .max(200)
      .optional()
      .meta({ description: 'a new password (a reset); ends the account’s sessions' }),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, coded('nothing_to_change', 'name at least one field to change'))
  .meta({ id: 'UserPatch' });
export const passwordChange = z
  .object({ current_password: z.string().min(1, 'must not be empty').max(200), new_password: z.string().max(200) })
  .strict()
  .meta({ id: 'PasswordChange' });
export const mePatch = z.object({ language }).strict();
export const endSessions = z
  .object({
    revoke_tokens: z
      .boolean({ error: 'must be true or false' })
      .default(true)
      .meta({ description: 'also revoke the account’s API tokens (a stolen cookie may have minted some)' }),
  })
  .strict()
  .meta({ id: 'EndSessions' });
export const endSessionsResult = z.object({ ended: z.number().int(), tokens_revoked: z.number().int() });

/** One sign-in counter an administrator can see and clear (GET /api/sign-in-locks). */
export const signInLock = z
  .object({
    id: z.number().int(),
    scope: z.enum(['pair', 'login', 'address']).meta({
      description:
        'pair: one login from one address; login: one login from anywhere; address: any login from one address',
    }),
    login: z.string().nullable(),
    ip: z.string().nullable(),
    failures: z.number().int(),
    since: z.string(),
    until: z.string(),
    last_failure_at: z.string().nullable(),
    refused: z
      .number()
      .int()
      .meta({ description: 'attempts refused while blocked in this window (audited at 1, 10, 100 …)' }),
    blocked: z.boolean().meta({ description: 'past its limit: attempts are refused until `until`' }),
  })
  .meta({ id: 'SignInLock' });
