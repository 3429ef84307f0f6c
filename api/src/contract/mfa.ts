import { z } from 'zod';
import { sessionResponse } from './auth.js';

/** A TOTP code (6 digits) or a recovery code (12 letters and digits; spaces and dashes ignored). */
const mfaCode = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(40, 'must be at most 40 characters')
  .meta({ description: 'the 6-digit code of the authenticator app, or one recovery code' });

export const AUTH_METHODS = ['password', 'password+totp', 'password+recovery'] as const;
const authMethod = z.enum(AUTH_METHODS);
export type AuthMethod = z.infer<typeof authMethod>;

/** What an authenticator app needs: the secret as a QR code (SVG, drawn here) and in text. */
export const mfaEnrolment = z
  .object({
    secret: z.string().meta({ description: 'base32, for typing into the app by hand' }),
    otpauth_uri: z.string(),
    qr_svg: z.string().meta({ description: 'data:image/svg+xml URL of the QR code of otpauth_uri' }),
  })
  .meta({ id: 'MfaEnrolment' });

/**
 * The answer to a right password when a second factor is needed: no session yet. `required`: send a
 * code from the app (or a recovery code); `enrol`: the role needs a factor and the account has none,
 * so the answer carries a new secret to add to an app, confirmed with its first code.
 */
export const mfaChallenge = z
  .object({
    mfa: z.enum(['required', 'enrol']),
    challenge: z.string().meta({ description: 'opaque; send it back with the code within five minutes' }),
    expires_at: z.string(),
    enrolment: mfaEnrolment.optional(),
  })
  .meta({ id: 'MfaChallenge' });

export const mfaAnswer = z
  .object({ challenge: z.string().min(1, 'must not be empty').max(100, 'is not a challenge'), code: mfaCode })
  .strict()
  .meta({ id: 'MfaAnswer' });

export const recoveryCodes = z.array(z.string()).meta({ description: 'shown only in this answer; store them now' });

export const mfaSignedIn = sessionResponse
  .extend({ recovery_codes: recoveryCodes.optional() })
  .meta({ id: 'MfaSession' });

export const mfaStatus = z
  .object({
    enrolled: z.boolean(),
    required: z.boolean().meta({ description: 'your role must sign in with a second factor' }),
    confirmed_at: z.string().nullable(),
    recovery_codes_left: z.number().int(),
  })
  .meta({ id: 'MfaStatus' });

export const mfaConfirm = z.object({ code: mfaCode }).strict();
/** Adding a factor asks for the password: a stolen session must not tie the account to a stranger's phone. */
export const mfaBegin = z
  .object({ password: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters') })
  .strict()
  .meta({ id: 'MfaBegin' });
/** Changes to an existing factor need the password and a code again: a left-open session is not enough. */
export const mfaProof = z
  .object({ password: z.string().min(1, 'must not be empty').max(200), code: mfaCode })
  .strict()
  .meta({ id: 'MfaProof' });

export const mySession = z
  .object({
    current: z.boolean(),
    auth_method: authMethod,
    created_at: z.string(),
    last_seen_at: z.string(),
    expires_at: z.string(),
    ip: z.string().nullable(),
    user_agent: z.string().nullable(),
  })
  .meta({ id: 'MySession' });
