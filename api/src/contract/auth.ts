import { z } from 'zod';

import { ROLES } from './enums.js';

export { ROLES };
export const role = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });
export const language = z.enum(['kk', 'ru', 'en'], { error: 'must be kk, ru or en' });

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

export const tokenCreate = z
  .object({ name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters') })
  .strict();
export const tokenInfo = z
  .object({
    id: z.number().int(),
    name: z.string(),
    prefix: z.string(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
export const tokenCreated = tokenInfo.extend({ token: z.string().meta({ description: 'shown once; store it now' }) });

export const userInfo = currentUser.extend({ active: z.boolean(), created_at: z.string() }).meta({ id: 'User' });
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
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change')
  .meta({ id: 'UserPatch' });
export const passwordChange = z
  .object({ current_password: z.string().min(1, 'must not be empty').max(200), new_password: z.string().max(200) })
  .strict()
  .meta({ id: 'PasswordChange' });
export const mePatch = z.object({ language }).strict();
